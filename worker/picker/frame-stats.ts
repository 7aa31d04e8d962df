import { measureDetail } from "./blur";
import { toneStats, type ToneStats } from "./exposure";
import { centreStd } from "./metrics";
import { noiseSigma } from "./noise";
import { areaResize, perceptualHash, type PerceptualHash } from "./perceptual-hash";

/** Side of the tiny thumbnails kept per sample to compare neighbours (motion, transitions). */
export const THUMB_WIDTH = 48;
export const THUMB_HEIGHT = 27;

/**
 * Everything the picker keeps about one sampled moment: numbers, a 64-bit hash and a 48×27
 * thumbnail (1.3 KB), never the frame, so memory grows only with the (capped) number of samples.
 */
export interface FrameStats extends ToneStats {
  timestampSec: number;
  /** 0 crisp … 1 blurred (blur.ts). */
  blur: number;
  /** Block-border step ratio, or null when the analysis scale hides the blocks (blur.ts). */
  blockiness: number | null;
  /** Gray std of the centre ninth (the whole frame's is `std`). */
  centreStd: number;
  /** Estimated sensor-noise std in gray levels (noise.ts). */
  noise: number;
  hash: PerceptualHash;
  thumb: Uint8Array;
}

/** The THUMB_WIDTH × THUMB_HEIGHT area-averaged thumbnail of a gray frame of any size. */
export function thumbnailOf(gray: Uint8Array, width: number, height: number): Uint8Array {
  return Uint8Array.from(areaResize(gray, width, height, THUMB_WIDTH, THUMB_HEIGHT), Math.round);
}

export function measureFrame(gray: Uint8Array, width: number, height: number, timestampSec: number, blockPeriod: number | null): FrameStats {
  const thumb = thumbnailOf(gray, width, height);
  return {
    timestampSec,
    ...toneStats(gray),
    ...measureDetail(gray, width, height, blockPeriod),
    centreStd: centreStd(gray, width, height),
    noise: noiseSigma(gray, width, height),
    hash: perceptualHash(gray, width, height),
    thumb,
  };
}
