import type { S3Client } from "@aws-sdk/client-s3";
import { CROP_VARIANTS, type PixelRect, type StoredCrop } from "~/core/crops";
import type { TimedStage } from "~/core/stage-timings";
import { cropKey, frameKey, thumbKey } from "~/core/storage-keys";
import type { NewFrame } from "./job-store";
import { locateCropFace, scaleRect } from "./media/crop-face";
import { grabSourceFrame, renderWholeFrame } from "./media/render";
import { renderCrops } from "./media/render-crops";
import { FORMAT_CONTENT_TYPE, FORMAT_EXTENSION, type OutputPolicy } from "./output-policy";
import type { PickedFrame } from "./picker/pick";
import type { FaceDetector } from "./picker/types";
import { settleAll } from "./map-concurrently";
import { putObject } from "./put-object";
import { timeIn, type StageClock } from "./stage-clock";

export interface FrameDelivery {
  s3: S3Client;
  bucket: string;
  framesPrefix: string;
  policy: OutputPolicy;
  /** Profile jobs: crops around the face; `analysis` is the size the picker's face boxes refer to. */
  crops: { analysis: { width: number; height: number }; detector: FaceDetector | undefined } | null;
  signal?: AbortSignal;
  /** Times the grab, the encode, the crops and the uploads (the job's per-stage timings). */
  clock?: StageClock;
}

/**
 * A moment to deliver: one the picker chose (with its analysis thumbnail, which the grab must
 * match), or one the owner chose from the timeline (no thumbnail: the grab's own checks only).
 */
export type MomentToDeliver = Pick<PickedFrame, "timestampSec" | "score" | "metrics" | "faces"> & { thumb?: Uint8Array };

/**
 * Renders one pick from the source file (one ffmpeg grab for the frame, its thumbnail and its
 * crops), uploads them under the job's prefix and returns the frame's row. Keys are
 * deterministic, so a restarted attempt overwrites rather than duplicates.
 */
export async function deliverFrame(target: FrameDelivery, source: string, pick: MomentToDeliver, rank: number): Promise<NewFrame> {
  const { s3, bucket, framesPrefix, policy } = target;
  const time = <T>(stage: TimedStage, work: () => Promise<T>) => timeIn(target.clock, stage, work);
  const frame = await time("grab", () =>
    grabSourceFrame(source, pick.timestampSec, {
      signal: target.signal,
      expectedThumb: pick.thumb,
      onRetry: (why) => console.warn(`rank ${rank}: ${why}; grabbing it again from further back`),
    }),
  );
  // The face to centre the crops on is looked for while the whole frame is encoded: the detector
  // runs on Node's thread, the encode on sharp's.
  const { crops: cropping } = target;
  const cropFace = cropping ? time("crops", () => locateCropFace(frame, { faces: pick.faces, analysis: cropping.analysis }, cropping.detector)) : Promise.resolve(null);
  cropFace.catch(() => undefined); // awaited below, or before a failed encode is thrown
  const whole = await time("encode", () => renderWholeFrame(frame, policy)).catch(async (error: unknown) => {
    await cropFace.catch(() => undefined);
    throw error;
  });
  const ext = FORMAT_EXTENSION[whole.format];
  // Uploads start as soon as each image exists and run side by side, while the crops are cut;
  // `upload` times only the wait for them at the end.
  const uploads: Promise<void>[] = [];
  const upload = (key: string, body: Buffer, contentType: string) => {
    const put = putObject(s3, bucket, key, body, contentType);
    put.catch(() => undefined); // awaited below; a crop failing first must not leave it unhandled
    uploads.push(put);
  };
  const key = frameKey(framesPrefix, rank, ext);
  const thumb = thumbKey(framesPrefix, rank);
  upload(key, whole.image, FORMAT_CONTENT_TYPE[whole.format]);
  upload(thumb, whole.thumb, "image/jpeg");

  const crops: StoredCrop[] = [];
  let faceBox: PixelRect | null = null;
  try {
    if (cropping) {
      const face = await cropFace;
      faceBox = face ? inDeliveredPixels(face, frame, whole) : null;
      for (const crop of await time("crops", () => renderCrops(frame, face, policy))) {
        const cropS3Key = cropKey(framesPrefix, rank, CROP_VARIANTS[crop.aspect].suffix, FORMAT_EXTENSION[crop.format]);
        upload(cropS3Key, crop.image, FORMAT_CONTENT_TYPE[crop.format]);
        crops.push({
          aspect: crop.aspect,
          s3Key: cropS3Key,
          width: crop.width,
          height: crop.height,
          bytes: crop.image.byteLength,
          region: inDeliveredPixels(crop.region, frame, whole),
        });
      }
    }
  } catch (error) {
    // Nothing goes on writing under the job's prefix after this attempt gave up.
    await Promise.allSettled(uploads);
    throw error;
  }
  await time("upload", () => settleAll(uploads));

  return {
    rank,
    timestampSec: pick.timestampSec,
    score: pick.score,
    metrics: pick.metrics,
    width: whole.width,
    height: whole.height,
    format: whole.format,
    s3Key: key,
    thumbKey: thumb,
    bytes: whole.image.byteLength,
    crops,
    faceBox,
  };
}

/** Source-frame pixels → whole pixels of the delivered (possibly capped) frame, kept inside it. */
function inDeliveredPixels(rect: PixelRect, source: { width: number; height: number }, delivered: { width: number; height: number }): PixelRect {
  const scaled = scaleRect(rect, source, delivered);
  const x = Math.min(delivered.width - 1, Math.max(0, Math.round(scaled.x)));
  const y = Math.min(delivered.height - 1, Math.max(0, Math.round(scaled.y)));
  return {
    x,
    y,
    width: Math.max(1, Math.min(delivered.width - x, Math.round(scaled.width))),
    height: Math.max(1, Math.min(delivered.height - y, Math.round(scaled.height))),
  };
}
