import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";

/**
 * Streams the uploaded video from S3 to a private temp dir (Lambda: /tmp, sized in infra), so
 * ffmpeg can seek in it; memory stays flat whatever the file size.
 */
export async function downloadToTemp(
  s3: S3Client,
  bucket: string,
  key: string,
  signal?: AbortSignal,
): Promise<{ file: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "frame-picker-"));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const file = path.join(dir, `source${path.extname(key)}`);
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    if (!object.Body) throw new Error(`S3 returned no body for ${key}`);
    await pipeline(object.Body as Readable, createWriteStream(file), { signal });
    return { file, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}
