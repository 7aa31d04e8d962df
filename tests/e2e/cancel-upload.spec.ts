import { expect, test } from "./helpers/test";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";

let video: string;

test.beforeAll(async () => {
  // Long enough (~3 MB) to still be uploading when Cancel is pressed on a throttled link.
  video = await makeTestVideo(await makeTempDir("cancel"), "long-take.mp4", { seconds: 30 });
});

test("cancelling an upload stops it and leaves nothing behind", async ({ page, context }) => {
  await page.goto("/");
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 64 * 1024,
  });
  await page.getByLabel("Choose a video").setInputFiles(video);
  const bar = page.getByRole("progressbar", { name: /Uploading long-take\.mp4/ });
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute("aria-valuenow"))).toBeGreaterThan(0);

  const abortCall = page.waitForResponse((r) => r.url().includes("/api/trpc/upload.abort"));
  await page.getByRole("button", { name: "Cancel upload" }).click();
  await expect(page.getByRole("region", { name: "Drop a video here" })).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  expect((await abortCall).ok()).toBe(true);

  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.goto("/videos");
  await expect(page.getByRole("heading", { name: "No videos yet" })).toBeVisible();
});
