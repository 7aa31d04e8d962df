import type { PickMode } from "~/core/pick-params";
import type { Defect } from "~/core/shortfall";
import type { FrameStats } from "./frame-stats";
import type { TemporalStats } from "./temporal";
import type { EyeOpenness, FaceBox, ScoredFrame } from "./types";

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
  /** The video's usual brightness (median mean of usable samples): what its scenes are meant to look like. */
  usualMean: number;
  /** Lid-gap ratio of the open eyes of the face in this moment (openEyeRatio), or null with too few readings to compare. */
  usualEyeRatio: number | null;
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

/**
 * Noise against signal (frame std over noise std, noise.ts). Measured on the tuning half of the
 * real-footage benchmark: clean moments 7.8 and up (a flat drawn animation is the lowest), an
 * under-exposed stretch with sensor noise 3.6 and below. The term ramps across that gap.
 */
const NOISY_SNR = 3.6;
const CLEAN_SNR = 7.8;
/** Blur at and above which a moment is too blurred to deliver: tuning half, sharp ≤ 0.56, defocused ≥ 0.71. */
const HEAVY_BLUR = 0.63;
/** A noise term below this (SNR under ~5.7, the middle of the gap) is too noisy to deliver. */
const MIN_CLEAN = 0.5;
/**
 * A frame as bright as the video usually is keeps up to this much of the exposure term whatever
 * its absolute level: a dim or bright scene is meant that way, and its moments must still rank
 * by everything else rather than all scoring zero.
 */
const INTENDED_EXPOSURE = 0.7;

/** Black, nearly flat or mid-transition frames: ranked below everything else, and not measured for the video's norms. */
export function isUsable(stats: FrameStats, temporal: TemporalStats): boolean {
  const defect = defectOf(stats, temporal);
  return defect !== "dark" && defect !== "flat" && defect !== "transition";
}

/**
 * What makes a moment unfit to deliver, or null when it is fit. A moment with a defect is never
 * picked while moments without one can fill the request: the user gets fewer frames, told why.
 */
export function defectOf(stats: FrameStats, temporal: TemporalStats): Defect | null {
  if (stats.mean < 16) return "dark";
  if (stats.high - stats.low < 24) return "flat";
  if (temporal.transition) return "transition";
  if (stats.blur >= HEAVY_BLUR) return "blurred";
  if (cleanTerm(stats) < MIN_CLEAN) return "noisy";
  return null;
}

/** 1 when noise is lost in the picture, 0 when it drowns it (see NOISY_SNR). */
function cleanTerm(stats: FrameStats): number {
  // The half gray level keeps a perfectly clean (synthetic) frame from dividing by nothing.
  const snr = stats.std / (stats.noise + 0.5);
  return clamp01((snr - NOISY_SNR) / (CLEAN_SNR - NOISY_SNR));
}

export function technicalTerms(stats: FrameStats, norms: VideoNorms): Record<"sharpness" | "exposure" | "contrast" | "artefacts" | "clean", number> {
  const absolute = clamp01((SOFT_BLUR - stats.blur) / (SOFT_BLUR - CRISP_BLUR));
  const relative = clamp01(1 - (stats.blur - norms.sharpestBlur) / RELATIVE_BLUR_SPAN);
  // Mean in a wide comfortable band, falling off towards black and white; clipping costs extra.
  const level = stats.mean < 70 ? clamp01((stats.mean - 16) / 54) : stats.mean > 185 ? clamp01((240 - stats.mean) / 55) : 1;
  const clipping = clamp01((stats.darkClip - 0.04) * 3) + clamp01((stats.brightClip - 0.02) * 4);
  // How far from the video's usual brightness, in stops: a whole stop away keeps nothing.
  const stops = Math.abs(Math.log2(Math.max(1, stats.mean) / Math.max(1, norms.usualMean)));
  const intended = INTENDED_EXPOSURE * clamp01(1 - stops);
  return {
    sharpness: 0.6 * absolute + 0.4 * relative,
    // The scene's intent excuses its level, never clipped shadows or blown highlights.
    exposure: clamp01(Math.max(level, intended) - clipping),
    contrast: clamp01((stats.high - stats.low - 30) / 110),
    artefacts: stats.blockiness === null ? 1 : clamp01(1 - (stats.blockiness - Math.max(CLEAN_BLOCKINESS, norms.usualBlockiness ?? 0)) / BLOCKINESS_SPAN),
    clean: cleanTerm(stats),
  };
}

/** Weighted geometric mean of the technical terms: one bad term pulls the whole score down. */
function technicalScore(terms: Record<string, number>): number {
  // Noise adds its own weight on top: clean footage (clean = 1) scores exactly as before.
  const weights: Record<string, number> = { sharpness: 0.45, exposure: 0.25, contrast: 0.15, artefacts: 0.15, clean: 0.15 };
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

/**
 * Eye openness measured on the blink of the tuning half's webcam clip and on portrait photos:
 * below `open` 0.5 the lids are shut; a face's open eyes stay within 9 % of its median lid gap,
 * while closing or reopening lids fall 15 % or more below it.
 */
const SHUT = 0.5;
const BLINK_RATIO = 0.84;
const OPEN_RATIO = 0.92;
/** Eyes not read on this very moment (it shares a look-alike's faces) might be mid-blink: a little less. */
const UNREAD_EYES = 0.8;

/** Fewer eye readings than this give no usual lid gap to compare a blink with. */
const MIN_EYE_READINGS = 3;
/**
 * A face's open eyes, against which one reading is judged. Readings of look-alike pictures (one
 * shot, so one face) give it as their upper quartile, not their median: misreadings only ever
 * narrow the gap (looking down, squinting while talking, lids smeared by heavy compression), so
 * with a handful of readings the median sinks towards a blink's own. Across unlike pictures
 * (other shots, perhaps other people, whose open eyes differ more than one face's blink) only
 * the median of all readings is a fair yardstick. Null with too few readings either way.
 */
export function openEyeRatio(lookAlikeRatios: readonly number[], allRatios: readonly number[]): number | null {
  const sorted = (ratios: readonly number[]) => [...ratios].sort((a, b) => a - b);
  if (lookAlikeRatios.length >= MIN_EYE_READINGS) return sorted(lookAlikeRatios)[Math.floor(0.75 * (lookAlikeRatios.length - 1))]!;
  if (allRatios.length >= MIN_EYE_READINGS) return sorted(allRatios)[Math.floor(0.5 * (allRatios.length - 1))]!;
  return null;
}

/** 1 eyes open, 0 shut or blinking; judged against the face's own usual gap where the video gives one. */
export function eyesTerm(eyes: EyeOpenness | null, usualRatio: number | null): number {
  if (!eyes) return UNREAD_EYES;
  if (eyes.open < SHUT) return 0;
  if (usualRatio === null || usualRatio <= 0) return 1;
  return clamp01((eyes.ratio / usualRatio - BLINK_RATIO) / (OPEN_RATIO - BLINK_RATIO));
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
  /** What the detector found (profile mode's scan, or any mode's check of a pick); null when it never looked at this sample. */
  faces: readonly FaceBox[] | null;
  /** The largest face's eyes, read on this sample; null when not read. */
  eyes: EyeOpenness | null;
  width: number;
  height: number;
}

export function scoreSample(mode: PickMode, input: ScoreInput, norms: VideoNorms, withFaces: boolean): ScoredFrame {
  const { stats, temporal } = input;
  const terms = technicalTerms(stats, norms);
  const technical = technicalScore(terms);
  const usable = isUsable(stats, temporal);
  const defect = defectOf(stats, temporal);
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
  // A blink halves the moment: the same face with open eyes wins, a different shot may still.
  // Profile mode judges every moment showing a face (unread eyes a little down); action mode reads
  // only its picks' eyes (pick.ts), so there only eyes actually read count.
  if ((input.faces?.length ?? 0) > 0 && (mode === "profile" ? withFaces : input.eyes !== null)) {
    metrics.eyes = eyesTerm(input.eyes, norms.usualEyeRatio);
    score *= 0.5 + 0.5 * metrics.eyes;
  }
  // Unusable moments keep a sliver of their score: ranked among themselves, below everything else,
  // so a video that is all black still gets its frames instead of an error.
  return { score: clamp01(score * (usable ? 1 : UNUSABLE_FACTOR)), metrics, defect };
}
