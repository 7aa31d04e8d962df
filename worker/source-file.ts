import { createWriteStream } from "node:fs";
import { mkdtemp, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { CONTAINERS } from "~/core/video-containers";
import { sniffFile } from "./media/container-sniff";

/**
 * Streams the uploaded video from S3 to a private temp dir (Lambda: /tmp, sized in infra), so
 * ffmpeg can seek in it; memory stays flat whatever the file size. The copy is named after the
 * container its bytes show (`.bin` when none), never after the name the uploader gave it.
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
    const download = path.join(dir, "download");
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    if (!object.Body) throw new Error(`S3 returned no body for ${key}`);
    await pipeline(object.Body as Readable, createWriteStream(download), { signal });
    const container = await sniffFile(download);
    const file = path.join(dir, `source${container ? CONTAINERS[container].extension : ".bin"}`);
    await rename(download, file);
    return { file, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}
