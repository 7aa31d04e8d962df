import { expectNoAxeViolations } from "./helpers/axe";
import { expectConfigureStep, expectResults, startJob } from "./helpers/flow";
import { expect, test } from "./helpers/test";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";

let video: string;

test.beforeAll(async () => {
  video = await makeTestVideo(await makeTempDir("timeline"), "walk.mp4");
});

/** "00:04.767" → seconds. */
const seconds = (shown: string) => {
  const m = /(\d{2}):(\d{2})\.(\d{3})/.exec(shown);
  if (!m) throw new Error(`no timestamp in "${shown}"`);
  return Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) / 1000;
};

test("the results show every moment's score; the owner jumps to a pick, steps a frame or a second, and the preview follows", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles(video);
  await expectConfigureStep(page);
  await startJob(page, { count: 2, intervalSec: 1, quality: "Fast" });
  const items = await expectResults(page, 2);
  const secondPickShown = (await items.nth(1).getByRole("heading").textContent()) ?? "";

  const timeline = page.getByRole("region", { name: "Every moment" });
  await expect(timeline).toBeVisible();
  const slider = timeline.getByRole("slider", { name: "Moment in the video" });
  const readout = timeline.locator("figcaption");
  const preview = timeline.locator("video");

  // The picks are marked; "#2" goes to the second pick's time.
  await timeline.getByRole("button", { name: /^#2 · / }).click();
  await expect(readout).toContainText(/\d{2}:\d{2}\.\d{3} · score \d+ %/);
  expect(seconds((await readout.textContent()) ?? "")).toBeCloseTo(seconds(secondPickShown), 2);

  // One frame (1/30 s) with an arrow key, a second with Shift.
  const before = seconds((await readout.textContent()) ?? "");
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(async () => seconds((await readout.textContent()) ?? "") - before).toBeCloseTo(1 / 30, 2);
  await page.keyboard.press("Shift+ArrowLeft");
  await expect.poll(async () => seconds((await readout.textContent()) ?? "") - before).toBeCloseTo(1 / 30 - 1, 2);
  await expect(slider).toHaveAttribute("aria-valuetext", /^\d{2}:\d{2}\.\d{3}, score \d+ %$/);

  // The preview shows the video at that moment.
  const shownAt = seconds((await readout.textContent()) ?? "");
  await expect.poll(() => preview.evaluate((v: HTMLVideoElement) => ({ ready: v.readyState >= 2, width: v.videoWidth, at: Math.round(v.currentTime * 1000) }))).toEqual({
    ready: true,
    width: 640,
    at: Math.round(shownAt * 1000),
  });
  await expectNoAxeViolations(page, "the timeline");
});
