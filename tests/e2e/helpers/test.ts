import { test as base, expect } from "@playwright/test";

/**
 * Playwright's `test` with two checks every test gets, on every page the test opened:
 * - React reported no hydration mismatch. A mismatch makes React throw the server's HTML away and
 *   render the tree again (a flash; typed input lost) and shows only in the console.
 * - The browser refused nothing under the Content Security Policy (proxy.ts): a script, style,
 *   image or upload it blocked would break the page while showing only in the console.
 */
export const test = base.extend<{ hydrationErrors: string[]; cspViolations: string[] }>({
  hydrationErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      const note = (text: string) => {
        if (/hydration failed|hydration mismatch|didn't match the client/i.test(text)) errors.push(text.split("\n")[0]!);
      };
      page.on("pageerror", (error) => note(error.message));
      page.on("console", (message) => message.type() === "error" && note(message.text()));
      await use(errors);
      expect(errors, "React reported a hydration mismatch").toEqual([]);
    },
    { auto: true },
  ],
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text().split("\n")[0]!);
      });
      await use(violations);
      expect(violations, "the browser blocked something under the page's Content Security Policy").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
