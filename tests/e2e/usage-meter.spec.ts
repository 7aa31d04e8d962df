import { expect, test } from "./helpers/test";
import { signUp, TEST_PASSWORD, uniqueEmail } from "./helpers/account";
import { dropFile, expectConfigureStep, expectResults, startJob } from "./helpers/flow";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";

let video: string;

test.beforeAll(async () => {
  video = await makeTestVideo(await makeTempDir("usage"), "first-video.mp4", { seconds: 4 });
});

test("a new account processes a video and its usage meter moves from 0 to 1 of 3", async ({ page }) => {
  test.setTimeout(300_000);
  await signUp(page, { email: uniqueEmail("usage"), password: TEST_PASSWORD });

  const meter = page.getByTestId("usage-meter");
  await expect(meter).toContainText("0 of 3 videos this month");
  await expect(meter.getByRole("progressbar", { name: "Videos used" })).toHaveAttribute("aria-valuenow", "0");
  // The reset is the first of next month (UTC), as a date in the browser's locale ("Dec 1" / "1 Dec").
  await expect(meter).toContainText(/resets on (1 [A-Z][a-z]{2}|[A-Z][a-z]{2} 1)\b/);

  await page.getByRole("link", { name: "New video" }).first().click();
  await expect(page.getByTestId("usage-meter")).toContainText("0 of 3 videos this month");
  await dropFile(page, video, "video/mp4");
  await expectConfigureStep(page);
  await startJob(page, { count: 1, intervalSec: 1, mode: "Action shot", quality: "Fast" });
  await expectResults(page, 1);

  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(meter).toContainText("1 of 3 videos this month");
  await expect(meter).toContainText("2 left");
  await expect(meter.getByRole("progressbar", { name: "Videos used" })).toHaveAttribute("aria-valuenow", "33");
  // The processed video is listed on the dashboard too.
  await expect(page.getByRole("heading", { name: "first-video.mp4", exact: true })).toBeVisible();
});
