import { stat } from "node:fs/promises";
import { formatBytes } from "../../core/tiers";
import { expect, test } from "./helpers/test";
import { expectConfigureStep, expectResults, startJob } from "./helpers/flow";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";

let video: string;

test.beforeAll(async () => {
  video = await makeTestVideo(await makeTempDir("my-videos"), "birthday.mp4");
});

test("My videos is empty for a new visitor", async ({ page }) => {
  await page.goto("/videos");
  await expect(page.getByRole("heading", { name: "No videos yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Upload a video" })).toHaveAttribute("href", "/");
});

test("My videos lists the video and its job, links to the results, and delete removes everything", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles(video);
  await expectConfigureStep(page);
  const jobId = await startJob(page, { count: 3, intervalSec: 1 });
  await expectResults(page, 3);
  const frameUrl = await page.getByRole("link", { name: /^Download frame 1/ }).getAttribute("href");
  expect(frameUrl).toBeTruthy();
  // A guest's results are kept 24 hours, and the page says until when.
  const keptUntil = page.getByRole("main").locator("time").filter({ hasText: /\d/ });
  await expect(page.getByRole("main")).toContainText("kept until");
  const until = new Date((await keptUntil.first().getAttribute("datetime")) ?? "");
  expect(Math.abs(until.getTime() - Date.now() - 24 * 3_600_000)).toBeLessThan(10 * 60_000);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My videos" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My videos" })).toBeVisible();
  const card = page.getByRole("article", { name: "birthday.mp4" });
  await expect(card).toBeVisible();
  await expect(card.getByText("Uploaded", { exact: true })).toBeVisible();
  await expect(card.getByText(/8 s · 640 × 360/)).toBeVisible();
  await expect(card).toContainText("kept until");
  await expect(card.getByRole("img", { name: "Best frame of birthday.mp4" })).toBeVisible();
  const job = card.getByRole("listitem");
  await expect(job).toHaveCount(1);
  await expect(job).toContainText("Done");
  await expect(job).toContainText("Profile · Balanced · 3 frames ≥ 1 s apart");
  await expect(job.getByText(/^3 frames$/)).toBeVisible();

  await job.getByRole("link", { name: "View results" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]job=${jobId}`));
  await expectResults(page, 3);

  await page.goto("/videos");
  await page.getByRole("button", { name: "Delete birthday.mp4" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete “birthday.mp4”?" });
  await expect(confirm).toBeVisible();
  // Changing one's mind keeps the video.
  await confirm.getByRole("button", { name: "Keep it" }).click();
  await expect(page.getByRole("article", { name: "birthday.mp4" })).toBeVisible();

  await page.getByRole("button", { name: "Delete birthday.mp4" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete video" }).click();
  await expect(page.getByRole("article", { name: "birthday.mp4" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "No videos yet" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Deleted birthday.mp4.");

  // Its frames are gone from storage, and its job page says so.
  expect((await page.request.get(frameUrl ?? "")).status()).toBe(404);
  await page.goto(`/?job=${jobId}`);
  await expect(page.getByRole("heading", { name: "We can’t find this job" })).toBeVisible();
});

test("a video uploaded but never run is run from My videos, without uploading it again", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles(video);
  await expectConfigureStep(page);
  // The visitor leaves before "Find best frames" (the tab closed, another page opened).
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My videos" }).click();
  const card = page.getByRole("article", { name: "birthday.mp4" });
  await expect(card.getByText("No frames picked yet.")).toBeVisible();
  await card.getByRole("link", { name: "Find best frames in birthday.mp4" }).click();

  // The same configure step as after an upload, on the video the server holds.
  await expectConfigureStep(page);
  await expect(page).toHaveURL(/[?&]video=[0-9a-f-]{36}/);
  await expect(page.getByRole("main")).toContainText(`birthday.mp4 · ${formatBytes((await stat(video)).size)}`);
  await startJob(page, { count: 2, intervalSec: 1, mode: "Action shot", quality: "Fast" });
  await expectResults(page, 2);

  await page.goto("/videos");
  await expect(card.getByRole("listitem")).toContainText("Action · Fast · 2 frames ≥ 1 s apart");
  // Run once, it offers to pick again rather than to start.
  await expect(card.getByRole("link", { name: "Pick again in birthday.mp4" })).toHaveAttribute("href", /\/\?video=[0-9a-f-]{36}$/);
  await expect(card.getByText("No frames picked yet.")).toHaveCount(0);
});

test("a link to a video that is not this visitor's says so and offers a way on", async ({ page }) => {
  await page.goto(`/?video=${crypto.randomUUID()}`);
  await expect(page.getByRole("heading", { name: "We can’t find this video" })).toBeVisible();
  await page.getByRole("button", { name: "Upload a video" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("region", { name: "Drop a video here" })).toBeVisible();
});
