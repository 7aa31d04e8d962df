import { AbortMultipartUploadCommand, DeleteObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "~/db/client";
import { jobs, OPEN_JOB_STATUSES, videos, type Video } from "~/db/schema";
import { deletePrefix } from "./storage-cleanup";

export interface StorageDeps {
  db: Db;
  s3: S3Client;
  env: { UPLOADS_BUCKET: string; FRAMES_BUCKET: string };
}

/**
 * Removes a video everywhere: its upload (or open multipart upload), every job's frames in S3,
 * and its rows (jobs and frames cascade). Used by the user's delete and by the retention sweep;
 * callers have already decided the video may go.
 */
export async function removeVideo(deps: StorageDeps, video: Video, reason: string): Promise<void> {
  // Stop running work first, so a worker does not write frames for a video that is going away.
  await deps.db
    .update(jobs)
    .set({ status: "cancelled", errorReason: reason, finishedAt: new Date() })
    .where(and(eq(jobs.videoId, video.id), inArray(jobs.status, [...OPEN_JOB_STATUSES])));
  const prefixes = await deps.db.select({ prefix: jobs.framesPrefix }).from(jobs).where(eq(jobs.videoId, video.id));

  if (video.multipartUploadId) {
    await deps.s3
      .send(
        new AbortMultipartUploadCommand({
          Bucket: deps.env.UPLOADS_BUCKET,
          Key: video.s3Key,
          UploadId: video.multipartUploadId,
        }),
      )
      .catch(() => undefined); // Already completed or aborted: nothing left to abort.
  }
  await deps.s3.send(new DeleteObjectCommand({ Bucket: deps.env.UPLOADS_BUCKET, Key: video.s3Key }));
  for (const { prefix } of prefixes) {
    await deletePrefix(deps.s3, deps.env.FRAMES_BUCKET, prefix);
  }
  await deps.db.delete(videos).where(eq(videos.id, video.id));
}
