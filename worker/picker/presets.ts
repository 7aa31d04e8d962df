import type { PickQuality } from "~/core/pick-params";

/**
 * How deep each quality looks. "best" is not just a stricter threshold (the original's fault):
 * it samples more moments, analyses them at a higher resolution and checks more faces.
 */
export interface QualityPreset {
  /** Samples per second of video, by time (independent of the clip's fps). */
  samplesPerSec: number;
  /** Long videos get a lower rate so the work stays bounded. */
  maxSamples: number;
  /** Long side of the gray analysis frames, in pixels. */
  analysisLongSide: number;
  /** Laplacian variance that counts as fully sharp (the original's 100/150/200). */
  sharpnessThreshold: number;
  /** Profile mode: best candidates per time window handed to the face detector… */
  faceCandidatesPerWindow: number;
  /** …and at most this many detector calls per video. */
  maxFaceChecks: number;
}

export const QUALITY_PRESETS: Record<PickQuality, QualityPreset> = {
  fast: { samplesPerSec: 2, maxSamples: 600, analysisLongSide: 320, sharpnessThreshold: 100, faceCandidatesPerWindow: 1, maxFaceChecks: 40 },
  balanced: { samplesPerSec: 4, maxSamples: 1200, analysisLongSide: 320, sharpnessThreshold: 150, faceCandidatesPerWindow: 2, maxFaceChecks: 80 },
  best: { samplesPerSec: 8, maxSamples: 2400, analysisLongSide: 480, sharpnessThreshold: 200, faceCandidatesPerWindow: 3, maxFaceChecks: 160 },
};

/** Samples per second actually used for a video of this length. */
export function samplingRate(preset: QualityPreset, durationSec: number): number {
  return Math.min(preset.samplesPerSec, preset.maxSamples / Math.max(durationSec, 1e-3));
}

/** Analysis size: aspect kept, long side capped (never upscaled), both sides even. */
export function analysisSize(width: number, height: number, longSide: number): { width: number; height: number } {
  const scale = Math.min(1, longSide / Math.max(width, height));
  const even = (n: number) => Math.max(2, Math.round((n * scale) / 2) * 2);
  return { width: even(width), height: even(height) };
}
