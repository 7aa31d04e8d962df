import { thumbnailOf } from "../picker/frame-stats";
import type { SourceFrame } from "./render";

/**
 * Is a rendered frame the picture the analysis saw at that moment? The analysis keeps a tiny
 * gray thumbnail of every sample (picker/frame-stats.ts); the render is shrunk the same way and
 * compared. A render that went wrong (a seek to a "keyframe" that is no real entry point, damaged
 * data) shows gray and green blocks or another moment: 6–14 dB from the truth, where the same
 * picture decoded twice, at another size and through RGB, measured 43–49 dB.
 */
export const MIN_MATCH_PSNR_DB = 30;

/** PSNR (dB) between two gray images of the same size; Infinity when identical. */
export function psnr(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length || a.length === 0) throw new Error(`psnr: sizes differ (${a.length} vs ${b.length})`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  const mse = sum / a.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

/** The frame's thumbnail as the analysis makes it: gray (BT.601 luma, as ffmpeg's gray from YUV), area-averaged. */
export function frameThumbnail(frame: SourceFrame): Uint8Array {
  const { pixels, width, height, channels } = frame;
  const gray = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < gray.length; i++, p += channels) {
    gray[i] = channels >= 3 ? Math.round(0.299 * pixels[p]! + 0.587 * pixels[p + 1]! + 0.114 * pixels[p + 2]!) : pixels[p]!;
  }
  return thumbnailOf(gray, width, height);
}

/** How close the frame is to the analysis's thumbnail of its moment, in dB. */
export function matchPsnr(frame: SourceFrame, expectedThumb: Uint8Array): number {
  return psnr(frameThumbnail(frame), expectedThumb);
}
