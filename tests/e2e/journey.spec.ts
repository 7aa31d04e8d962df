import { readFile } from "node:fs/promises";
import { expect, test } from "./helpers/test";
import sharp from "sharp";
import { startFlowRecorder } from "./helpers/flow-recorder";
import { expectConfigureStep, expectResults, startJob, timestampToFileStamp } from "./helpers/flow";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";
import { zipEntries } from "./helpers/zip-entries";

const STAGE_ORDER = ["Queued", "Reading video", "Sampling", "Scoring", "Rendering", "Done"];
let video: string;

test.beforeAll(async () => {
  video = await makeTestVideo(await makeTempDir("journey"), "holiday.mp4");
});

test("a visitor uploads a video, picks 3 frames and downloads one, its crops and the ZIP", async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("best stills");
  const recorder = await startFlowRecorder(page);

  // A slow uplink, so the progress bar has something to show on a local machine.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 256 * 1024,
  });
  await page.getByLabel("Choose a video").setInputFiles(video);

  const uploadBar = page.getByRole("progressbar", { name: /Uploading holiday\.mp4/ });
  await expect(uploadBar).toBeVisible();
  await expect(page.getByText(/KB of \d+ KB/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel upload" })).toBeEnabled();
  await expectConfigureStep(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  const { uploadPercents } = await recorder.read();
  expect(uploadPercents.some((p) => p > 0 && p < 100), `intermediate progress in ${uploadPercents.join(",")}`).toBe(true);
  expect(uploadPercents.at(-1)).toBe(100);
  expect([...uploadPercents].sort((a, b) => a - b)).toEqual(uploadPercents);
  await expect(page.getByText("Uploaded", { exact: true })).toBeVisible();
  await expect(page.getByText("holiday.mp4")).toBeVisible();
  // The estimate comes from measured rates for this clip's length and frame size, read by the browser.
  await expect(page.getByText("Estimated processing time:").locator("..")).toHaveText(/^Estimated processing time: About \d+ s( – \d+ s)?$/);

  const jobId = await startJob(page, { count: 3, intervalSec: 1 });
  expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Finding your best frames" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Processing progress" })).toBeVisible();
  await expect(page.getByText("3 frames ≥ 1 s apart")).toBeVisible();

  const items = await expectResults(page, 3);
  const { stages } = await recorder.read();
  expect(stages.length, `stages seen: ${stages.join(" → ")}`).toBeGreaterThan(0);
  const positions = stages.map((s) => STAGE_ORDER.indexOf(s));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  // How long the worker took, as the job recorded it.
  await expect(page.getByText(/ · found in \d+(\.\d)? s · kept until/)).toBeVisible();

  // One frame: its file name, bytes and size match what the gallery says.
  const first = items.first().getByRole("article");
  const heading = (await first.getByRole("heading").textContent()) ?? "";
  const shownTime = /\d{2}:\d{2}\.\d{3}/.exec(heading)?.[0] ?? `no timestamp in "${heading}"`;
  // The frame's own resolution (the crop buttons show sizes too).
  const shownResolution = (await first.getByRole("definition").filter({ hasText: /^\d+ × \d+$/ }).textContent()) ?? "";
  const [shownWidth, shownHeight] = shownResolution.split(" × ").map(Number);
  const downloadEvent = page.waitForEvent("download");
  await first.getByRole("link", { name: /^Download frame 1/ }).click();
  const download = await downloadEvent;
  expect(download.suggestedFilename()).toBe(`holiday_${timestampToFileStamp(shownTime)}.jpg`);
  const jpeg = await readFile(await download.path());
  expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  const meta = await sharp(jpeg).metadata();
  expect(meta.format).toBe("jpeg");
  expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(1280);
  expect([meta.width, meta.height]).toEqual([shownWidth, shownHeight]);

  // All frames as one ZIP built in the browser.
  const zipEvent = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download all (ZIP)" }).click();
  const zipDownload = await zipEvent;
  expect(zipDownload.suggestedFilename()).toBe("holiday_frames.zip");
  const entries = zipEntries(await readFile(await zipDownload.path()));
  // Profile mode (the default): each frame comes with its square and 4:5 crops.
  expect(entries).toHaveLength(9);
  for (const entry of entries) {
    expect(entry.name).toMatch(/^holiday_\d{2}m\d{2}s\d{3}(_square|_portrait)?\.jpg$/);
    expect(entry.compressedSize).toBeGreaterThan(1000);
    expect([...entry.head.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  }
  expect(new Set(entries.map((e) => e.name)).size).toBe(9);
  expect(entries.map((e) => e.name)).toContain(download.suggestedFilename());
  expect(entries.map((e) => e.name)).toContain(download.suggestedFilename().replace(/\.jpg$/, "_square.jpg"));
  expect(entries.map((e) => e.name)).toContain(download.suggestedFilename().replace(/\.jpg$/, "_portrait.jpg"));

  // The storyboard under the gallery: the whole video on one sheet, shown and downloadable.
  const storyboard = page.getByRole("region", { name: "Storyboard" });
  const sheet = storyboard.getByRole("img", { name: /^Storyboard of holiday\.mp4: 4 moments, from 0:0\d to 0:0\d$/ });
  await expect(sheet).toBeVisible();
  expect(await sheet.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(600);
  const sheetEvent = page.waitForEvent("download");
  await storyboard.getByRole("link", { name: /^Download storyboard/ }).click();
  const sheetDownload = await sheetEvent;
  expect(sheetDownload.suggestedFilename()).toBe("holiday_storyboard.jpg");
  const sheetMeta = await sharp(await readFile(await sheetDownload.path())).metadata();
  expect(sheetMeta.format).toBe("jpeg");
  await expect(storyboard).toContainText(`${sheetMeta.width} × ${sheetMeta.height}`);

  // The card says in words why the frame was picked.
  await expect(first).toContainText(/Why it was picked: [^\n]*(sharp|soft)/);

  // The card offers the crops too.
  for (const label of ["Square 1:1", "Portrait 4:5"]) {
    await expect(first.getByRole("link", { name: new RegExp(`^Download ${label} \\d+ × \\d+ crop of frame 1$`) })).toBeVisible();
  }

  // The large view: opens from the gallery, arrows move, Esc closes.
  await items.nth(0).getByRole("button", { name: "Open frame 1 large" }).click();
  const dialog = page.getByRole("dialog", { name: "Frame 1 of 3" });
  await expect(dialog).toBeVisible();

  // Its square and 4:5 crops download as images of exactly that shape, at the size shown.
  for (const { label, suffix, ratio } of [
    { label: "Square 1:1", suffix: "square", ratio: 1 },
    { label: "Portrait 4:5", suffix: "portrait", ratio: 4 / 5 },
  ]) {
    const link = dialog.getByRole("link", { name: new RegExp(`^Download ${label} \\d+ × \\d+ crop of frame 1$`) });
    await expect(link).toBeVisible();
    const [shownCropWidth, shownCropHeight] = (/(\d+) × (\d+) crop/.exec((await link.getAttribute("aria-label")) ?? "") ?? []).slice(1).map(Number);
    const cropEvent = page.waitForEvent("download");
    await link.click();
    const cropDownload = await cropEvent;
    expect(cropDownload.suggestedFilename()).toBe(download.suggestedFilename().replace(/\.jpg$/, `_${suffix}.jpg`));
    const cropMeta = await sharp(await readFile(await cropDownload.path())).metadata();
    expect(cropMeta.format).toBe("jpeg");
    expect([cropMeta.width, cropMeta.height]).toEqual([shownCropWidth, shownCropHeight]);
    expect(Math.abs((cropMeta.width ?? 0) - (cropMeta.height ?? 0) * ratio)).toBeLessThanOrEqual(1);
    await expect(dialog.getByText(`${shownCropWidth} × ${shownCropHeight}`, { exact: true })).toBeVisible();
  }
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("dialog", { name: "Frame 2 of 3" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // A reload resumes the same job from the URL.
  await page.reload();
  await expectResults(page, 3);
  expect(new URL(page.url()).searchParams.get("job")).toBe(jobId);
});
