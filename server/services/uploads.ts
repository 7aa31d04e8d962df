import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { UserError } from "~/core/errors";
import { assertQuotaLeft, usageOf } from "~/core/quota";
import { expiryFor } from "~/core/retention-dates";
import { UPLOAD_URL_TTL_SEC, uploadKey } from "~/core/storage-keys";
import { formatBytes, type TierLimits } from "~/core/tiers";
import { SNIFF_BYTES, sniffContainer } from "~/core/video-containers";
import { checkVideoFile, extensionOf, VIDEO_FORMATS_LABEL } from "~/core/video-files";
import { videos } from "~/db/schema";
import { ensureAnonymousOwner, ownedVideo } from "./ownership";
import type { Services } from "./runtime";

/** Files above this go up in parallel parts (S3's minimum part size is 5 MiB). */
export const MULTIPART_THRESHOLD_BYTES = 8 * 1024 * 1024;
export const PART_SIZE_BYTES = 8 * 1024 * 1024;

export const createUploadInput = z.object({
  name: z.string().trim().min(1, "The file needs a name").max(255, "File names are limited to 255 characters"),
  type: z.string().max(100),
  size: z.number().int("Size must be a whole number of bytes").positive("The file is empty (0 bytes)"),
});

export const completeUploadInput = z.object({
  videoId: z.uuid(),
  parts: z
    .array(z.object({ partNumber: z.number().int().min(1).max(10_000), etag: z.string().min(1).max(200) }))
    .max(10_000)
    .optional(),
});

export type UploadTicket =
  | { videoId: string; method: "put"; url: string; headers: Record<string, string> }
  | { videoId: string; method: "multipart"; partSize: number; parts: Array<{ partNumber: number; url: string }> };

function contentTypeFor(type: string, name: string): string {
  if (type.startsWith("video/")) return type;
  const byExt: Record<string, string> = {
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".mov": "video/quicktime",
    ".webm": "video/webm",
    ".mkv": "video/x-matroska",
    ".avi": "video/x-msvideo",
  };
  return byExt[extensionOf(name)] ?? "application/octet-stream";
}

/**
 * Checks the declared file against the tier, records the video and signs its upload. An owner
 * whose allowance is used up is told before uploading anything (the job would be refused);
 * nothing is reserved here, the job's creation does that.
 */
export async function createUpload(
  svc: Services,
  ownerId: string,
  tier: TierLimits,
  input: z.infer<typeof createUploadInput>,
): Promise<UploadTicket> {
  const problem = checkVideoFile(input, tier);
  if (problem) throw new UserError(input.size > tier.maxUploadBytes ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST", problem);
  const now = new Date();
  assertQuotaLeft(tier, await usageOf(svc.db, ownerId, tier, now), now);

  await ensureAnonymousOwner(svc.db, ownerId);
  const videoId = crypto.randomUUID();
  const key = uploadKey(ownerId, videoId, extensionOf(input.name));
  const contentType = contentTypeFor(input.type, input.name);
  const bucket = svc.env.UPLOADS_BUCKET;

  const row = { id: videoId, ownerId, originalName: input.name, contentType, sizeBytes: input.size, s3Key: key, expiresAt: expiryFor(tier, now) };

  if (input.size <= MULTIPART_THRESHOLD_BYTES) {
    await svc.db.insert(videos).values(row);
    const url = await getSignedUrl(
      svc.s3,
      new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, ContentLength: input.size }),
      { expiresIn: UPLOAD_URL_TTL_SEC },
    );
    return { videoId, method: "put", url, headers: { "content-type": contentType } };
  }

  const { UploadId } = await svc.s3.send(
    new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType }),
  );
  if (!UploadId) throw new Error("S3 did not return an upload id");
  await svc.db.insert(videos).values({ ...row, multipartUploadId: UploadId });
  const parts = await Promise.all(
    partLengths(input.size).map(async (length, i) => ({
      partNumber: i + 1,
      // The length is signed, as for a single PUT: S3 refuses a part of any other size.
      url: await getSignedUrl(
        svc.s3,
        new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: i + 1, ContentLength: length }),
        { expiresIn: UPLOAD_URL_TTL_SEC },
      ),
    })),
  );
  return { videoId, method: "multipart", partSize: PART_SIZE_BYTES, parts };
}

/** Byte length of each part of a multipart upload of `size` bytes: PART_SIZE_BYTES, the last one the rest. */
export function partLengths(size: number): number[] {
  const count = Math.ceil(size / PART_SIZE_BYTES);
  return Array.from({ length: count }, (_, i) => Math.min(PART_SIZE_BYTES, size - i * PART_SIZE_BYTES));
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NotFound" || e?.name === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404;
}

/** Confirms the object reached S3 whole; only then can a job use the video. */
export async function completeUpload(
  svc: Services,
  ownerId: string,
  input: z.infer<typeof completeUploadInput>,
): Promise<{ videoId: string }> {
  const video = await ownedVideo(svc.db, ownerId, input.videoId);
  if (video.status !== "uploading") return { videoId: video.id };
  const bucket = svc.env.UPLOADS_BUCKET;

  if (video.multipartUploadId) {
    const expected = Math.ceil(video.sizeBytes / PART_SIZE_BYTES);
    const parts = [...(input.parts ?? [])].sort((a, b) => a.partNumber - b.partNumber);
    if (parts.length !== expected || parts.some((p, i) => p.partNumber !== i + 1)) {
      throw new UserError(
        "BAD_REQUEST",
        `The upload is incomplete: ${parts.length} of ${expected} parts arrived. Please upload the file again.`,
      );
    }
    try {
      await svc.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: video.s3Key,
          UploadId: video.multipartUploadId,
          MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
        }),
      );
    } catch (err) {
      const name = (err as { name?: string }).name ?? "";
      if (name === "InvalidPart" || name === "InvalidPartOrder" || name === "NoSuchUpload" || name === "EntityTooSmall") {
        throw new UserError("BAD_REQUEST", "Some parts of the upload did not arrive intact. Please upload the file again.");
      }
      throw err;
    }
  }

  let size: number | undefined;
  try {
    size = (await svc.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: video.s3Key }))).ContentLength;
  } catch (err) {
    if (isNotFound(err)) {
      throw new UserError("PRECONDITION_FAILED", "The file has not reached storage yet. Please upload it again.");
    }
    throw err;
  }
  if (size !== video.sizeBytes) {
    await svc.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: video.s3Key }));
    throw new UserError(
      "BAD_REQUEST",
      `The upload is incomplete: ${formatBytes(size ?? 0)} of ${formatBytes(video.sizeBytes)} arrived. Please upload the file again.`,
    );
  }

  // The name and type were the uploader's word; the first bytes are the file's. A file that is no
  // video container goes now, before a job exists or any allowance is spent on it.
  const head = await svc.s3.send(new GetObjectCommand({ Bucket: bucket, Key: video.s3Key, Range: `bytes=0-${SNIFF_BYTES - 1}` }));
  if (sniffContainer((await head.Body?.transformToByteArray()) ?? new Uint8Array()) === null) {
    await svc.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: video.s3Key }));
    await svc.db.delete(videos).where(and(eq(videos.id, video.id), eq(videos.ownerId, ownerId)));
    throw new UserError("BAD_REQUEST", `“${video.originalName}” is not a video: its contents are not in a video format we read (${VIDEO_FORMATS_LABEL}).`);
  }

  await svc.db
    .update(videos)
    .set({ status: "uploaded", uploadedAt: new Date(), multipartUploadId: null })
    .where(and(eq(videos.id, video.id), eq(videos.ownerId, ownerId)));
  return { videoId: video.id };
}

/** The user cancelled: drop the parts, the object and the row. */
export async function abortUpload(svc: Services, ownerId: string, videoId: string): Promise<{ ok: true }> {
  const video = await ownedVideo(svc.db, ownerId, videoId);
  if (video.status !== "uploading") {
    throw new UserError("PRECONDITION_FAILED", "This upload has already finished; delete the video instead.");
  }
  const bucket = svc.env.UPLOADS_BUCKET;
  if (video.multipartUploadId) {
    await svc.s3
      .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: video.s3Key, UploadId: video.multipartUploadId }))
      .catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
  }
  await svc.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: video.s3Key }));
  await svc.db.delete(videos).where(and(eq(videos.id, video.id), eq(videos.ownerId, ownerId)));
  return { ok: true };
}
