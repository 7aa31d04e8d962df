import { CopyObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { Video } from "~/db/schema";

/** Younger uploads are far from any lifecycle expiry; older ones are refreshed when re-used. */
const REFRESH_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * The retention sweep keeps a video for its tier's retention after its LAST USE, while the S3
 * lifecycle backstop (infra/) counts from an object's last WRITE. Re-writing the upload in place
 * (a server-side copy onto itself) when a job re-uses it keeps the two in step, so a video that
 * is still in use never loses its source to the backstop.
 */
export async function keepUploadAlive(s3: S3Client, bucket: string, video: Video, now: Date = new Date()): Promise<void> {
  if (!video.uploadedAt || now.getTime() - video.uploadedAt.getTime() < REFRESH_AFTER_MS) return;
  await s3.send(
    new CopyObjectCommand({
      Bucket: bucket,
      Key: video.s3Key,
      CopySource: `${bucket}/${encodeURIComponent(video.s3Key)}`,
      // A copy onto itself must change something; replacing the metadata (with the same type) does.
      MetadataDirective: "REPLACE",
      ContentType: video.contentType,
    }),
  );
}
