import { test as base, expect } from "@playwright/test";

/**
 * Playwright's `test` with one check every test gets: React reported no hydration mismatch on
 * any page the test opened. A mismatch makes React throw the server's HTML away and render the
 * tree again (a flash; typed input lost) and shows only in the console, so nothing else catches it.
 */
export const test = base.extend<{ hydrationErrors: string[] }>({
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
});

export { expect };
