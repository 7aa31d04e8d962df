import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { signUp, signUpOnPro, TEST_PASSWORD, uniqueEmail } from "./helpers/account";
import { expectNoAxeViolations } from "./helpers/axe";
import { chooseSettings } from "./helpers/flow";
import { expect, test } from "./helpers/test";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";
import { zipEntries } from "./helpers/zip-entries";

let videos: string[];

test.beforeAll(async () => {
  const dir = await makeTempDir("many");
  videos = await Promise.all(["beach.mp4", "party.mp4", "hike.mp4"].map((name, i) => makeTestVideo(dir, name, { seconds: 6 + i })));
});

test("three videos dropped at once on Pro: one upload queue, one job each with shared settings, one batch view and one ZIP", async ({ page }) => {
  test.setTimeout(300_000);
  await signUpOnPro(page, "many");
  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles(videos);

  const chosen = page.getByRole("list", { name: "Chosen videos" }).getByRole("listitem");
  await expect(chosen).toHaveCount(3);
  for (const name of ["beach.mp4", "party.mp4", "hike.mp4"]) await expect(chosen.filter({ hasText: name })).toContainText("Ready to upload");
  await expectNoAxeViolations(page, "the batch review");
  await page.getByRole("button", { name: "Upload 3 videos" }).click();

  const uploads = page.getByRole("list", { name: "Uploads" }).getByRole("listitem");
  await expect(uploads).toHaveCount(3);
  await expect(uploads.filter({ hasText: "Uploaded" })).toHaveCount(3, { timeout: 60_000 });
  // One set of settings for all three.
  await expect(page.getByRole("list", { name: "Videos" }).getByRole("listitem")).toHaveCount(3);
  await chooseSettings(page, { count: 2, intervalSec: 1, mode: "Action shot", quality: "Fast" });
  await page.getByRole("button", { name: "Find best frames in 3 videos" }).click();

  await page.waitForURL(/[?&]jobs=([0-9a-f-]{36},){2}[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your 3 videos" })).toBeVisible();
  await expect(page.getByText("All done.")).toBeVisible({ timeout: 180_000 });
  const cards = page.getByRole("list", { name: "Videos in this batch" }).getByRole("article");
  await expect(cards).toHaveCount(3);
  for (const name of ["beach.mp4", "party.mp4", "hike.mp4"]) {
    const card = cards.filter({ has: page.getByRole("heading", { name }) });
    await expect(card.getByRole("list", { name: `Frames of ${name}` }).getByRole("listitem")).toHaveCount(2);
    await expect(card.getByRole("link", { name: `Open the results of ${name}` })).toHaveAttribute("href", /^\/\?job=[0-9a-f-]{36}$/);
  }

  const zipEvent = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download all (ZIP)" }).click();
  const zip = await zipEvent;
  expect(zip.suggestedFilename()).toBe("frame-picker_frames.zip");
  const names = zipEntries(await readFile(await zip.path())).map((e) => e.name);
  expect(names).toHaveLength(6);
  for (const base of ["beach", "party", "hike"]) expect(names.filter((n) => new RegExp(`^${base}_\\d{2}m\\d{2}s\\d{3}\\.jpg$`).test(n))).toHaveLength(2);
  await expectNoAxeViolations(page, "the batch view");
});

test("what the plan will not take is explained before anything is uploaded", async ({ page }) => {
  const dir = path.dirname(videos[0]!);
  const notes = path.join(dir, "notes.txt");
  await writeFile(notes, "not a video");
  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles([...videos, notes]);

  const chosen = page.getByRole("list", { name: "Chosen videos" }).getByRole("listitem");
  await expect(chosen).toHaveCount(4);
  await expect(chosen.filter({ hasText: "notes.txt" })).toContainText(/not a video|format|type/i);
  // A guest has one video a day: the first is taken, the others are told why not.
  await expect(page.getByRole("status").filter({ hasText: "1 video left on the Guest plan this day." })).toContainText("Only the first will be uploaded");
  await expect(chosen.filter({ hasText: "beach.mp4" })).toContainText("Ready to upload");
  for (const name of ["party.mp4", "hike.mp4"]) await expect(chosen.filter({ hasText: name })).toContainText("Not this time: over the plan's limit");
  await expect(page.getByRole("button", { name: "Upload 1 video" })).toBeEnabled();

  // Removing the first lets the next one in.
  await chosen.filter({ hasText: "beach.mp4" }).getByRole("button", { name: "Remove beach.mp4" }).click();
  await expect(chosen.filter({ hasText: "party.mp4" })).toContainText("Ready to upload");

  // Nothing was uploaded by choosing.
  await page.goto("/videos");
  await expect(page.getByRole("heading", { name: "No videos yet" })).toBeVisible();
});

test("each upload of a batch can be cancelled and retried on its own, and the batch goes on with what arrived", async ({ page, context }) => {
  test.setTimeout(240_000);
  await signUp(page, { email: uniqueEmail("batch"), password: TEST_PASSWORD });
  // ~3 MB on a throttled link: still going up when Cancel is pressed.
  const long = await makeTestVideo(await makeTempDir("batch-cancel"), "long-take.mp4", { seconds: 30 });
  await page.goto("/");
  const cdp = await context.newCDPSession(page);
  const throttle = (bytesPerSec: number) => cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSec });
  await page.getByLabel("Choose a video").setInputFiles([videos[0]!, long]);
  await expect(page.getByRole("button", { name: "Upload 2 videos" })).toBeEnabled();
  await throttle(64 * 1024);
  await page.getByRole("button", { name: "Upload 2 videos" }).click();

  const rows = page.getByRole("list", { name: "Uploads" }).getByRole("listitem");
  const longRow = rows.filter({ hasText: "long-take.mp4" });
  await expect.poll(async () => Number(await longRow.getByRole("progressbar").getAttribute("aria-valuenow"))).toBeGreaterThan(0);
  await longRow.getByRole("button", { name: "Cancel" }).click();
  await expect(longRow).toContainText("Cancelled");
  await expect(rows.filter({ hasText: "beach.mp4" })).toContainText("Uploaded", { timeout: 60_000 });
  // Nothing to configure while one is neither up nor removed.
  await expect(page.getByRole("heading", { name: "Choose how to pick frames" })).toHaveCount(0);

  await throttle(-1);
  await longRow.getByRole("button", { name: "Retry" }).click();
  await expect(longRow).toContainText("Uploaded", { timeout: 60_000 });
  await expect(page.getByRole("heading", { name: "Choose how to pick frames" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Find best frames in 2 videos" })).toBeVisible();
});
