import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { makeVideo } from "../helpers/make-video";
import { sequentialFrameMean } from "../helpers/sequential-decode";
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

test("a moment chosen on the timeline is added to the picks, and is the frame a sequential decode shows at that time", async ({ page }) => {
  test.setTimeout(240_000);
  const dir = await makeTempDir("timeline-index");
  // Frame n painted with its own gray level, a keyframe every 4 s: a frame's brightness says which it is.
  const fps = 25;
  const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 8, width: 320, height: 180, fps, source: "frame-index", gop: 100, name: "index.mp4" });
  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles(file);
  await expectConfigureStep(page);
  await startJob(page, { count: 2, intervalSec: 1, mode: "Action shot", quality: "Fast" });
  await expectResults(page, 2);

  // Three seconds from the start, then seven frames: 3.28 s, frame 82.
  const timeline = page.getByRole("region", { name: "Every moment" });
  const slider = timeline.getByRole("slider", { name: "Moment in the video" });
  await slider.focus();
  await page.keyboard.press("Home");
  for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+ArrowRight");
  for (let i = 0; i < 7; i++) await page.keyboard.press("ArrowRight");
  await timeline.getByRole("button", { name: "Add 00:03.280 to the picks" }).click();

  const items = await expectResults(page, 3);
  const added = items.nth(2).getByRole("article");
  await expect(added.getByRole("heading")).toHaveText("Frame 3 at 00:03.280");
  await expect(added).toContainText("Picked by you on the timeline");
  // Its mark joins the picks on the timeline.
  await expect(timeline.getByRole("button", { name: "#3 · 00:03.280" })).toBeVisible();

  const downloadEvent = page.waitForEvent("download");
  await added.getByRole("link", { name: /^Download frame 3/ }).click();
  const download = await downloadEvent;
  expect(download.suggestedFilename()).toBe("index_00m03s280.jpg");
  const gray = await sharp(await readFile(await download.path())).resize(64, 36).grayscale().raw().toBuffer();
  const delivered = gray.reduce((sum, v) => sum + v, 0) / gray.length;
  const sequential = await sequentialFrameMean(file, 82);
  // The neighbouring frames are 37 gray levels away: a wrong frame could not pass.
  expect(Math.abs(delivered - sequential)).toBeLessThan(8);
});

test("someone who knows the moment goes straight to the timeline and adds it", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles(video);
  await expectConfigureStep(page);
  await page.getByRole("button", { name: "Choose it myself" }).click();

  // One quick pick, and the timeline holds the focus: the arrow keys move through the video at once.
  await page.waitForURL(/[?&]job=[0-9a-f-]{36}&choose=1$/);
  await expectResults(page, 1);
  const timeline = page.getByRole("region", { name: "Every moment" });
  await expect(timeline.getByRole("slider", { name: "Moment in the video" })).toBeFocused();
  await page.keyboard.press("Home");
  for (let i = 0; i < 5; i++) await page.keyboard.press("Shift+ArrowRight");
  // One frame past 5 s: never a moment the analysis sampled, so never the pick already made.
  await page.keyboard.press("ArrowRight");
  await timeline.getByRole("button", { name: "Add 00:05.033 to the picks" }).click();
  const items = await expectResults(page, 2);
  await expect(items.nth(1).getByRole("heading")).toHaveText("Frame 2 at 00:05.033");
});
