import { DeleteObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { LOCAL_AWS } from "../../scripts/local/aws";
import { expect, test } from "./helpers/test";
import { dropFile, expectConfigureStep, startJob } from "./helpers/flow";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";

let video: string;

test.beforeAll(async () => {
  video = await makeTestVideo(await makeTempDir("retry"), "lost.mp4", { seconds: 2 });
});

/**
 * A failure on our side, made for real: the stored upload is deleted from the local S3 (as an
 * outage or a bug on our side might lose it) after the upload was accepted, so the real worker's
 * download fails and the job goes back to the queue. The user is told a retry is coming.
 */
test("a job that fails on our side says a retry is coming, and which attempt", async ({ page }) => {
  test.setTimeout(180_000);
  let upload: URL | undefined;
  page.on("request", (request) => {
    if (request.method() === "PUT") upload ??= new URL(request.url());
  });
  await page.goto("/");
  await dropFile(page, video, "video/mp4");
  await expectConfigureStep(page);

  // The presigned URL names the emulator and the object, path style: /<bucket>/<key>.
  expect(upload, "the browser uploaded straight to S3").toBeDefined();
  const [bucket, ...key] = upload!.pathname.slice(1).split("/");
  expect(bucket).toBe(LOCAL_AWS.uploadsBucket);
  const s3 = new S3Client({
    region: LOCAL_AWS.region,
    endpoint: upload!.origin,
    forcePathStyle: true,
    credentials: { accessKeyId: LOCAL_AWS.accessKeyId, secretAccessKey: LOCAL_AWS.secretAccessKey },
  });
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: decodeURIComponent(key.join("/")) }));
  s3.destroy();

  await startJob(page, { count: 1, intervalSec: 1, quality: "Fast" });
  const status = page.getByRole("status").filter({ hasText: "Something went wrong on our side" });
  await expect(status).toHaveText("Something went wrong on our side; retrying shortly, attempt 2 of 3…", { timeout: 60_000 });
  await expect(page.getByRole("heading", { name: "Finding your best frames" })).toBeVisible();

  // The user can still stop it while it waits.
  await page.getByRole("button", { name: "Cancel job" }).click();
  await expect(page.getByRole("heading", { name: "Job cancelled" })).toBeVisible({ timeout: 15_000 });
});
