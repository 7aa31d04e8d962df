import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expectConfigureStep, expectResults, startJob } from "./helpers/flow";
import { signUp, TEST_PASSWORD, uniqueEmail } from "./helpers/account";
import { expect, test } from "./helpers/test";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";

/**
 * axe-core's WCAG 2.1 A/AA rules on every page a person can reach, as a guest and with an
 * account, the results view of a finished job included: a violation here is something a screen
 * reader, a keyboard or low vision meets on that page.
 */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, `axe violations on ${what}`).toEqual([]);
}

test("the public pages have no WCAG A/AA violations", async ({ page }) => {
  for (const [path, heading] of [
    ["/", /best (frames|stills)/i],
    ["/sign-in", /sign in/i],
    ["/sign-up", /create your account/i],
    ["/terms", "Terms"],
    ["/privacy", "Privacy"],
    ["/contact", "Contact"],
    ["/no-such-page", /not found/i],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoViolations(page, path);
  }
});

test("an account's pages and a job's results have no WCAG A/AA violations", async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, { email: uniqueEmail("axe"), password: TEST_PASSWORD });
  for (const [path, heading] of [
    ["/dashboard", "Dashboard"],
    ["/billing", "Billing"],
    ["/upgrade", "Upgrade to Pro"],
    ["/videos", "My videos"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoViolations(page, path);
  }

  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles(await makeTestVideo(await makeTempDir("axe"), "axe.mp4"));
  await expectConfigureStep(page);
  await expectNoViolations(page, "the configure step");
  await startJob(page, { count: 3, intervalSec: 1 });
  await expectResults(page, 3);
  await expectNoViolations(page, "the results view");
  await page.getByRole("button", { name: "Open frame 1 large" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoViolations(page, "a frame's large view");
  await page.keyboard.press("Escape");
  await page.goto("/videos");
  await expect(page.getByRole("article", { name: "axe.mp4" })).toBeVisible();
  await expectNoViolations(page, "/videos with a video");
});
