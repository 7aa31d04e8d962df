import type { PickMode } from "~/core/pick-params";
import type { FrameStats } from "./frame-stats";
import type { TemporalStats } from "./temporal";
import type { FaceBox, ScoredFrame } from "./types";

/**
 * Scores a sampled moment in [0, 1]. Technical quality is a product of its terms, so a frame bad
 * on any one axis (blurred, black, blown out, blocky) sinks whatever else it has; then the mode
 * decides what makes a good moment: a clear single face for profile, real movement for action.
 */

export const clamp01 = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);

/** What the whole video's samples say, for terms that are judged relative to the video. */
export interface VideoNorms {
  /** Blur of the video's sharpest moments (10th percentile of usable samples). */
  sharpestBlur: number;
  /** Motion that counts as "a lot" in this video (90th percentile), at least MIN_FULL_MOTION. */
  fullMotion: number;
  /**
   * The video's usual blockiness (median), or null if not measured. Only blockier-than-usual
   * frames lose points: sharp synthetic graphics or screen recordings can sit on the block grid
   * everywhere, and then blockiness says nothing about one moment against another.
   */
  usualBlockiness: number | null;
}

/**
 * Blur (blur.ts) of a crisp frame and of one too soft to use, at analysis size. Measured on the
 * benchmark's stills: good 0.17–0.43 (soft-focus portraits at the top), defocused 0.41–0.59,
 * motion-blurred pans 0.38–0.47 against 0.12–0.27 for sharp pans.
 */
const CRISP_BLUR = 0.25;
const SOFT_BLUR = 0.55;
/** Within a video, a frame this much blurrier than its sharpest moments scores zero on the relative term. */
const RELATIVE_BLUR_SPAN = 0.35;
/** Motion (thumbnail pixels between samples, temporal.ts) below this is noise and drift, never "a lot". */
export const MIN_FULL_MOTION = 1;
const UNUSABLE_FACTOR = 0.02;
/** Blockiness of clean pictures is below 1 (0.85–0.97 measured); each 0.1 above costs the artefact term fully. */
const CLEAN_BLOCKINESS = 1;
const BLOCKINESS_SPAN = 0.1;

/** Black, nearly flat or mid-transition frames: never picked while anything else exists. */
export function isUsable(stats: FrameStats, temporal: TemporalStats): boolean {
  return stats.mean >= 16 && stats.high - stats.low >= 24 && !temporal.transition;
}

export function technicalTerms(stats: FrameStats, norms: VideoNorms): Record<"sharpness" | "exposure" | "contrast" | "artefacts", number> {
  const absolute = clamp01((SOFT_BLUR - stats.blur) / (SOFT_BLUR - CRISP_BLUR));
  const relative = clamp01(1 - (stats.blur - norms.sharpestBlur) / RELATIVE_BLUR_SPAN);
  // Mean in a wide comfortable band, falling off towards black and white; clipping costs extra.
  const level = stats.mean < 70 ? clamp01((stats.mean - 16) / 54) : stats.mean > 185 ? clamp01((240 - stats.mean) / 55) : 1;
  const clipping = clamp01((stats.darkClip - 0.04) * 3) + clamp01((stats.brightClip - 0.02) * 4);
  return {
    sharpness: 0.6 * absolute + 0.4 * relative,
    exposure: clamp01(level - clipping),
    contrast: clamp01((stats.high - stats.low - 30) / 110),
    artefacts: stats.blockiness === null ? 1 : clamp01(1 - (stats.blockiness - Math.max(CLEAN_BLOCKINESS, norms.usualBlockiness ?? 0)) / BLOCKINESS_SPAN),
  };
}

/** Weighted geometric mean of the technical terms: one bad term pulls the whole score down. */
function technicalScore(terms: Record<string, number>): number {
  const weights: Record<string, number> = { sharpness: 0.45, exposure: 0.25, contrast: 0.15, artefacts: 0.15 };
  let log = 0;
  for (const [key, weight] of Object.entries(weights)) log += weight * Math.log(Math.max(1e-6, terms[key] ?? 0));
  return Math.exp(log);
}

/**
 * One face covering 3–35 % of the frame, confidently found, scores 1; a face of another size or an
 * unsure one less; several faces with one clearly the largest 0.6, several of similar size 0.4;
 * none 0.
 */
export function faceTerm(faces: readonly FaceBox[], width: number, height: number): number {
  if (faces.length === 0) return 0;
  const area = width * height;
  const sizes = faces.map((f) => (f.width * f.height) / area).sort((a, b) => b - a);
  const share = sizes[0]!;
  const sizeFit = share < 0.03 ? clamp01(share / 0.03) * 0.7 : share > 0.35 ? 0.8 : 1;
  // BlazeFace gives real frontal faces 0.85–0.95 and cat faces or coffee cups up to ~0.75.
  const confidence = clamp01((Math.max(...faces.map((f) => f.score)) - 0.7) / 0.2);
  if (faces.length > 1) return (sizes[1]! * 3 < share ? 0.6 : 0.4) * sizeFit * confidence;
  return sizeFit * confidence;
}

/** Where the face sits: centred horizontally, eyes around the upper third. 1 without a face is neutral. */
function faceComposition(face: FaceBox, width: number, height: number): number {
  const cx = (face.x + face.width / 2) / width;
  const eyes = (face.y + face.height * 0.4) / height;
  return clamp01(1 - Math.abs(cx - 0.5) * 1.6) * 0.6 + clamp01(1 - Math.abs(eyes - 0.38) * 2) * 0.4;
}

export interface ScoreInput {
  stats: FrameStats;
  temporal: TemporalStats;
  /** Profile mode: what the detector found; null when it never looked at this sample. */
  faces: readonly FaceBox[] | null;
  width: number;
  height: number;
}

export function scoreSample(mode: PickMode, input: ScoreInput, norms: VideoNorms, withFaces: boolean): ScoredFrame {
  const { stats, temporal } = input;
  const terms = technicalTerms(stats, norms);
  const technical = technicalScore(terms);
  const usable = isUsable(stats, temporal);
  const metrics: Record<string, number> = { ...terms, technical };
  let score: number;
  if (mode === "action") {
    const motion = clamp01(temporal.motion / norms.fullMotion);
    const spread = clamp01(stats.std / 60);
    Object.assign(metrics, { motion, spread });
    // Peak action, not blur: movement only counts in a sharp frame, so sharpness weighs twice.
    score = technical * Math.sqrt(terms.sharpness) * (0.4 + 0.6 * motion) * (0.85 + 0.15 * spread);
  } else {
    const centre = clamp01(stats.centreStd / Math.max(1, stats.std));
    if (withFaces) {
      const faces = input.faces ?? [];
      const face = faceTerm(faces, input.width, input.height);
      const composition = faces.length === 1 ? faceComposition(faces[0]!, input.width, input.height) : centre;
      Object.assign(metrics, { face, composition });
      // A clear face is what profile mode is for: it may lift a frame 2.5×, over better light.
      score = technical * (0.4 + 0.6 * face) * (0.85 + 0.15 * composition);
    } else {
      metrics.composition = centre;
      score = technical * (0.85 + 0.15 * centre);
    }
  }
  // Unusable moments keep a sliver of their score: ranked among themselves, below everything else,
  // so a video that is all black still gets its frames instead of an error.
  return { score: clamp01(score * (usable ? 1 : UNUSABLE_FACTOR)), metrics };
}
