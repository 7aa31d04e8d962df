import { makeVideo } from "../helpers/make-video";
import { expect, test } from "./helpers/test";
import { dropFile, expectConfigureStep, PROCESSING_TIMEOUT_MS, startJob } from "./helpers/flow";
import { makeTempDir } from "./helpers/test-videos";

let video: string;

test.beforeAll(async () => {
  // Real ffmpeg: 6 s whose last 4.5 s are under-exposed with sensor grain, as a phone films at dusk.
  video = await makeVideo(await makeTempDir("fewer"), { codec: "h264", container: "mp4", seconds: 6, width: 640, height: 360, fps: 25, name: "dusk.mp4", degrade: { from: 1.5, to: 6, kind: "dark-noisy" } });
});

test("a half-spoilt video gives fewer frames, and the results say why", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/");
  await dropFile(page, video, "video/mp4");
  await expectConfigureStep(page);
  await startJob(page, { count: 3, intervalSec: 1, mode: "Action shot" });
  await expect(page.getByRole("heading", { name: "Your best frames" })).toBeVisible({ timeout: PROCESSING_TIMEOUT_MS });
  const status = page.getByRole("status").filter({ hasText: "of the 3 frames you asked for" });
  await expect(status).toContainText("the rest of the video is dark and grainy, so we left those moments out.");
  const shown = await page.getByRole("list", { name: "Picked frames" }).getByRole("listitem").count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(3);
  await expect(status).toContainText(`Found ${shown} of the 3 frames`);
});
