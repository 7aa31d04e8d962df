import type { PickQuality } from "~/core/pick-params";

/**
 * How deep each quality looks (the original only moved a threshold):
 * - fast: keyframes only. They are decoded without the frames between them, about a quarter of
 *   a full decode for a 1 s GOP, split over two processes.
 * - balanced: the keyframe scan, then dense decoding of short windows after the most promising
 *   keyframes, where the final frames are chosen.
 * - best: every moment sampled densely over the whole video, faces checked on more candidates.
 */
export interface QualityPreset {
  scan: "keyframes" | "dense";
  /** Dense sampling rate (samples per second of video): the whole video for "dense", windows otherwise. */
  denseRate: number;
  /** Dense scans of long videos slow down so at most this many samples are kept. */
  maxDenseSamples: number;
  /** Windows decoded densely after the best keyframes: this many per frame asked for, plus `extraWindows`. */
  windowsPerPick: number;
  extraWindows: number;
  /**
   * Seconds decoded per window, at least; with sparse keyframes a window grows to
   * `windowGopShare` of the keyframe interval (a window can only start at a keyframe, so with a
   * 5 s GOP a short one would only ever see the first moments after each keyframe), at most
   * `maxWindowSec`, and never past the next keyframe.
   */
  windowSec: number;
  windowGopShare: number;
  maxWindowSec: number;
  /** Long side of the gray analysis frames, at most (see analysisSize). */
  analysisLongSide: number;
  /** Profile mode: best candidates per time window handed to the face detector, and at most this many calls. */
  faceCandidatesPerWindow: number;
  maxFaceChecks: number;
  /** Profile mode: candidates where the whole frame showed no face that are looked at again in tiles (face-tiles.ts), per video. */
  maxTiledLooks: number;
}

export const QUALITY_PRESETS: Record<PickQuality, QualityPreset> = {
  fast: { scan: "keyframes", denseRate: 2, maxDenseSamples: 600, windowsPerPick: 0, extraWindows: 0, windowSec: 0, windowGopShare: 0, maxWindowSec: 0, analysisLongSide: 480, faceCandidatesPerWindow: 1, maxFaceChecks: 16, maxTiledLooks: 0 },
  balanced: { scan: "keyframes", denseRate: 10, maxDenseSamples: 1200, windowsPerPick: 1, extraWindows: 1, windowSec: 0.4, windowGopShare: 0.4, maxWindowSec: 2, analysisLongSide: 480, faceCandidatesPerWindow: 1, maxFaceChecks: 20, maxTiledLooks: 4 },
  best: { scan: "dense", denseRate: 5, maxDenseSamples: 1500, windowsPerPick: 0, extraWindows: 0, windowSec: 0, windowGopShare: 0, maxWindowSec: 0, analysisLongSide: 480, faceCandidatesPerWindow: 2, maxFaceChecks: 60, maxTiledLooks: 6 },
};

/** Length of the dense windows for a video whose keyframes are `keyframeGapSec` apart on average. */
export function windowLength(preset: QualityPreset, keyframeGapSec: number): number {
  return Math.min(preset.maxWindowSec, Math.max(preset.windowSec, preset.windowGopShare * keyframeGapSec));
}

/** Samples per second for a dense scan of `durationSec` of video. */
export function denseRate(preset: QualityPreset, durationSec: number): number {
  return Math.min(preset.denseRate, preset.maxDenseSamples / Math.max(durationSec, 1e-3));
}

export interface AnalysisSize {
  width: number;
  height: number;
  /**
   * Source pixels per analysis pixel when that is a power of two dividing 8 exactly (so codec
   * blocks line up with analysis pixels: 8 / scale is the block size), else null.
   */
  blockPeriod: number | null;
}

/**
 * Analysis size: the source shrunk by the smallest power of two that brings its long side to
 * `longSide` or below (1920×1080 → 480×270, 1280×720 → 320×180), aspect kept, both sides even.
 * A power of two keeps 8×8 codec blocks on whole analysis pixels, which the blockiness measure
 * (measureDetail in blur.ts) needs.
 */
export function analysisSize(width: number, height: number, longSide: number): AnalysisSize {
  let factor = 1;
  while (Math.max(width, height) / factor > longSide) factor *= 2;
  const even = (n: number) => Math.max(2, Math.round(n / factor / 2) * 2);
  const size = { width: even(width), height: even(height) };
  const exact = size.width * factor === width && size.height * factor === height;
  return { ...size, blockPeriod: exact && factor >= 2 && factor <= 4 ? 8 / factor : null };
}
