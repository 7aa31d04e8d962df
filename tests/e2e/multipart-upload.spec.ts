import { stat } from "node:fs/promises";
import { expect, test } from "./helpers/test";
import { expectConfigureStep, expectResults, startJob } from "./helpers/flow";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";

let video: string;

test.beforeAll(async () => {
  // ~20 MB: above the single-PUT threshold, so it goes up as several parts.
  video = await makeTestVideo(await makeTempDir("multipart"), "gopro-run.mp4", { seconds: 15, size: "1280x720", qp: 12 });
});

test("a large video goes up in parallel parts and comes out whole", async ({ page }) => {
  test.setTimeout(300_000);
  const size = (await stat(video)).size;
  expect(size).toBeGreaterThan(16 * 1024 * 1024);

  const partNumbers = new Set<string>();
  let inFlight = 0;
  let maxInFlight = 0;
  page.on("request", (r) => {
    const part = new URL(r.url()).searchParams.get("partNumber");
    if (r.method() !== "PUT" || !part) return;
    partNumbers.add(part);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
  });
  const done = (r: { method(): string; url(): string }) => {
    if (r.method() === "PUT" && new URL(r.url()).searchParams.has("partNumber")) inFlight--;
  };
  page.on("requestfinished", done);
  page.on("requestfailed", done);

  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles(video);
  await expect(page.getByRole("progressbar", { name: /Uploading gopro-run\.mp4/ })).toBeVisible();
  await expectConfigureStep(page);
  await expect(page.getByText("Uploaded", { exact: true })).toBeVisible();

  expect(partNumbers.size).toBeGreaterThanOrEqual(3);
  expect(maxInFlight).toBeGreaterThanOrEqual(2);

  // The reassembled object is the same video: the worker reads it and renders a 720p frame.
  await startJob(page, { count: 1, intervalSec: 1, quality: "Fast" });
  const items = await expectResults(page, 1);
  await expect(items.first().getByText("1280 × 720")).toBeVisible();
});
