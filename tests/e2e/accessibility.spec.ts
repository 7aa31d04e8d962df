import { expectConfigureStep, expectResults, startJob } from "./helpers/flow";
import { signUp, TEST_PASSWORD, uniqueEmail } from "./helpers/account";
import { expectNoAxeViolations } from "./helpers/axe";
import { expect, test } from "./helpers/test";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";

/**
 * Every page a person can reach, as a guest and with an account, the results view of a finished
 * job included, checked with axe-core (helpers/axe.ts).
 */
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
    await expectNoAxeViolations(page, path);
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
    await expectNoAxeViolations(page, path);
  }

  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles(await makeTestVideo(await makeTempDir("axe"), "axe.mp4"));
  await expectConfigureStep(page);
  await expectNoAxeViolations(page, "the configure step");
  await startJob(page, { count: 3, intervalSec: 1 });
  await expectResults(page, 3);
  await expectNoAxeViolations(page, "the results view");
  await page.getByRole("button", { name: "Open frame 1 large" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoAxeViolations(page, "a frame's large view");
  await page.keyboard.press("Escape");
  await page.goto("/videos");
  await expect(page.getByRole("article", { name: "axe.mp4" })).toBeVisible();
  await expectNoAxeViolations(page, "/videos with a video");
});
