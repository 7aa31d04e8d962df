import { expect, test } from "./helpers/test";
import { expectConfigureStep } from "./helpers/flow";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";

let video: string;

test.beforeAll(async () => {
  video = await makeTestVideo(await makeTempDir("upload-errors"), "clip.mp4", { seconds: 3 });
});

/** Presigned storage URLs carry a signature; the browser PUTs the file to them. */
const isPresigned = (url: URL) => url.searchParams.has("X-Amz-Signature");

test("storage refusing the upload is explained, and Try again then works", async ({ page }) => {
  await page.goto("/");
  await page.route(
    isPresigned,
    (route) =>
      route.request().method() === "PUT"
        ? route.fulfill({
            status: 403,
            contentType: "application/xml",
            headers: { "access-control-allow-origin": "*" },
            body: "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error>",
          })
        : route.continue(),
  );
  const abortCall = page.waitForResponse((r) => r.url().includes("/api/trpc/upload.abort"));
  await page.getByLabel("Choose a video").setInputFiles(video);

  await expect(page.getByRole("heading", { name: "The upload did not finish" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Storage refused the upload (SignatureDoesNotMatch)" })).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  expect((await abortCall).ok()).toBe(true);

  await page.unrouteAll();
  await page.getByRole("button", { name: "Try again" }).click();
  await expectConfigureStep(page);
});

test("a dropped connection is reported as a network problem after retries", async ({ page }) => {
  await page.goto("/");
  await page.route(
    isPresigned,
    (route) => (route.request().method() === "PUT" ? route.abort("internetdisconnected") : route.continue()),
  );
  await page.getByLabel("Choose a video").setInputFiles(video);
  await expect(page.getByRole("alert").filter({ hasText: "connection to storage was lost" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("button", { name: "Choose another video" })).toBeVisible();
});

test("the server refusing the file is shown with its reason", async ({ page }) => {
  await page.goto("/");
  const longName = `${"a-very-long-holiday-name-".repeat(12)}.mp4`;
  await page.getByLabel("Choose a video").setInputFiles({ name: longName, mimeType: "video/mp4", buffer: Buffer.from("x".repeat(1000)) });
  await expect(page.getByRole("alert").filter({ hasText: "The server refused the upload: File names are limited to 255 characters" })).toBeVisible();
});
