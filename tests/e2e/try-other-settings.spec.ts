import { expect, test } from "./helpers/test";
import { dropFile, expectConfigureStep, expectResults, startJob } from "./helpers/flow";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";

let video: string;

test.beforeAll(async () => {
  video = await makeTestVideo(await makeTempDir("rerun"), "skatepark.mp4", { seconds: 10 });
});

test("the same video is re-run with other settings without uploading it again", async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto("/");
  await dropFile(page, video, "video/mp4");
  await expectConfigureStep(page);
  const firstJob = await startJob(page, { count: 2, intervalSec: 1, mode: "Action shot" });
  await expectResults(page, 2);
  await expect(page.getByText("Action · Balanced · 2 frames ≥ 1 s apart")).toBeVisible();
  const firstTimes = await page.getByRole("list", { name: "Picked frames" }).getByRole("heading").allTextContents();

  const storageWrites: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "PUT" || r.url().includes("/api/trpc/upload.")) storageWrites.push(`${r.method()} ${r.url()}`);
  });

  await page.getByRole("button", { name: "Try other settings" }).click();
  await expectConfigureStep(page);
  await expect(page.getByText("Same video, new settings")).toBeVisible();
  await expect(page.getByText("skatepark.mp4")).toBeVisible();
  expect(new URL(page.url()).searchParams.has("job")).toBe(false);

  const secondJob = await startJob(page, { count: 3, intervalSec: 2.5, mode: "Profile picture", quality: "Fast" });
  expect(secondJob).not.toBe(firstJob);
  const items = await expectResults(page, 3);
  await expect(page.getByText("Profile · Fast · 3 frames ≥ 2.5 s apart")).toBeVisible();
  await expect(items).toHaveCount(3);

  // The new picks honour the new interval: any two are at least 2.5 s apart.
  const headings = await page.getByRole("list", { name: "Picked frames" }).getByRole("heading").allTextContents();
  const seconds = headings.map((h) => {
    const m = /(\d{2}):(\d{2})\.(\d{3})/.exec(h);
    if (!m) throw new Error(`no timestamp in ${h}`);
    return Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) / 1000;
  });
  const sorted = [...seconds].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(2.5 - 1e-6);
  expect(headings).not.toEqual(firstTimes);

  expect(storageWrites).toEqual([]);

  // Browser back returns to the first job's results.
  await page.goto(`/?job=${firstJob}`);
  await expectResults(page, 2);
});
