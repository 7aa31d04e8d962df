import { PutObjectCommand, UploadPartCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { createS3 } from "~/core/aws";
import { contentDisposition, presignRead } from "~/server/services/presign";

// No emulator checks signatures, so the URL's contents are checked here.
const s3 = createS3({ AWS_REGION: "us-east-1", S3_ENDPOINT: undefined, S3_FORCE_PATH_STYLE: false, SQS_ENDPOINT: undefined });
process.env.AWS_ACCESS_KEY_ID ??= "test";
process.env.AWS_SECRET_ACCESS_KEY ??= "test";

describe("presigned URLs", () => {
  it("a single PUT carries no checksum parameters and signs the declared length", async () => {
    const url = new URL(
      await getSignedUrl(
        s3,
        new PutObjectCommand({ Bucket: "b", Key: "k.mp4", ContentType: "video/mp4", ContentLength: 1234 }),
        { expiresIn: 3600 },
      ),
    );
    const names = [...url.searchParams.keys()].map((k) => k.toLowerCase());
    expect(names.filter((k) => k.startsWith("x-amz-checksum") || k === "x-amz-sdk-checksum-algorithm")).toEqual([]);
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toContain("content-length");
    expect(url.searchParams.get("X-Amz-Expires")).toBe("3600");
  });

  it("multipart part URLs carry no checksum parameters", async () => {
    const url = new URL(
      await getSignedUrl(s3, new UploadPartCommand({ Bucket: "b", Key: "k.mp4", UploadId: "u", PartNumber: 2 }), {
        expiresIn: 3600,
      }),
    );
    expect([...url.searchParams.keys()].some((k) => k.toLowerCase().includes("checksum"))).toBe(false);
    expect(url.searchParams.get("partNumber")).toBe("2");
  });

  it("download URLs are short-lived and name the file", async () => {
    const url = new URL(await presignRead(s3, "b", "frames/o/j/01.jpg", { fileName: "Café_00m12s340.jpg" }));
    expect(Number(url.searchParams.get("X-Amz-Expires"))).toBeLessThanOrEqual(15 * 60);
    expect(url.searchParams.get("response-content-disposition")).toBe(contentDisposition("Café_00m12s340.jpg"));
    expect(contentDisposition("Café_00m12s340.jpg")).toBe(
      `attachment; filename="Caf__00m12s340.jpg"; filename*=UTF-8''Caf%C3%A9_00m12s340.jpg`,
    );
  });
});
