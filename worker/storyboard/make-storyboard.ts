import type { S3Client } from "@aws-sdk/client-s3";
import { storyboardKey } from "~/core/storage-keys";
import type { StoredStoryboard } from "~/core/storyboard";
import type { VideoProbe } from "../media/probe";
import { putObject } from "../put-object";
import { collectTiles } from "./collect-tiles";
import { composeSheet } from "./compose-sheet";
import { storyboardTileCount, tileSize } from "./layout";

export interface StoryboardTarget {
  s3: S3Client;
  bucket: string;
  framesPrefix: string;
  /** The owner's plan marks their frames: the sheet carries the same mark. */
  watermark: boolean;
  signal?: AbortSignal;
}

/** The job's contact sheet: one tile per stretch of the video, composed, stored next to its frames. */
export async function makeStoryboard(target: StoryboardTarget, file: string, probe: Pick<VideoProbe, "durationSec" | "width" | "height">): Promise<StoredStoryboard> {
  const tile = tileSize(probe.width, probe.height);
  const pictures = await collectTiles(file, probe, storyboardTileCount(probe.durationSec), tile, target.signal);
  const sheet = await composeSheet(pictures, tile, target.watermark);
  target.signal?.throwIfAborted();
  const s3Key = storyboardKey(target.framesPrefix);
  await putObject(target.s3, target.bucket, s3Key, sheet.image, "image/jpeg");
  return { s3Key, width: sheet.width, height: sheet.height, bytes: sheet.image.byteLength, tiles: sheet.tiles };
}
