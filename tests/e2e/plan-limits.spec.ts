import { expect, test } from "./helpers/test";
import { signUp, TEST_PASSWORD, uniqueEmail } from "./helpers/account";
import { expectConfigureStep } from "./helpers/flow";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";

test("a file chosen before the page knows the visitor's plan is checked against that plan, not the guest's limits", async ({ page }) => {
  // 2 min 30 s: over the guest's 2 minutes, within Free's 5.
  const video = await makeTestVideo(await makeTempDir("plan-limits"), "long-talk.mp4", { seconds: 150, size: "160x90" });
  await signUp(page, { email: uniqueEmail("plan-limits"), password: TEST_PASSWORD });

  // The plan's answer is held until the file is chosen, as on a slow connection (the bench's
  // Playwright run chose a 66 MB file for a Pro account that fast and was told "the Guest limit is 50 MB").
  let release = () => {};
  const answered = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/trpc\/[^?]*viewer\.me/, async (route) => {
    await answered;
    await route.continue();
  });
  await page.goto("/");
  await page.locator('input[type="file"]').setInputFiles(video);
  await expect(page.getByText("Checking the video…")).toBeVisible();
  release();

  await expectConfigureStep(page);
  await expect(page.getByText(/limit is/)).toHaveCount(0);
});
