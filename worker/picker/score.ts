import type { FaceBox, ScoredFrame } from "./types";

/**
 * The original scoring (PRODUCT.md "Picking frames"), ported as the baseline, with its faults
 * fixed: every term is clamped to [0, 1] (brightness could go negative and fail the job), and
 * action "motion" also measures real change between neighbouring samples.
 */

export interface BaseMeasurements {
  laplacianVariance: number;
  meanBrightness: number;
  /** Gray standard deviation of the whole frame. */
  contrastStd: number;
}

export interface ProfileMeasurements extends BaseMeasurements {
  /** Gray standard deviation of the centre ninth. */
  centreStd: number;
}

export interface ActionMeasurements extends BaseMeasurements {
  /** Share of Canny edge pixels. */
  edgeDensity: number;
  /** Share of quadrants with std > 20. */
  quadrantSpread: number;
  /** Mean absolute gray difference to the previous sample; null for the first sample. */
  motionDiff: number | null;
}

const PROFILE_WEIGHTS = { sharpness: 0.3, brightness: 0.2, contrast: 0.2, face: 0.2, composition: 0.1 };
const ACTION_WEIGHTS = { sharpness: 0.25, brightness: 0.15, contrast: 0.2, motion: 0.25, composition: 0.15 };

/** Mean absolute difference (gray levels) between samples that counts as full motion. */
export const FULL_MOTION_DIFF = 16;

export const clamp01 = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);

function baseTerms(m: BaseMeasurements, sharpnessThreshold: number) {
  return {
    sharpness: clamp01(m.laplacianVariance / sharpnessThreshold),
    brightness: clamp01(1 - Math.abs(m.meanBrightness - 127) / 127),
    contrast: clamp01(m.contrastStd / 80),
  };
}

/**
 * Profile: `faces` is what the detector found, or null when no detector ran for this video; then
 * the face term is left out and the other weights are scaled up to sum to 1, so frames are still
 * ranked by the rest instead of all sharing a meaningless "no face".
 */
export function scoreProfile(m: ProfileMeasurements, faces: FaceBox[] | null, imageArea: number, sharpnessThreshold: number): ScoredFrame {
  const metrics: Record<string, number> = {
    ...baseTerms(m, sharpnessThreshold),
    composition: clamp01(m.centreStd / 50),
  };
  if (faces !== null) metrics.face = faceScore(faces, imageArea);
  return weigh(metrics, PROFILE_WEIGHTS);
}

/**
 * Action: motion = the original's edge term (Canny density × 5) averaged with real motion (mean
 * absolute difference to the previous sample / FULL_MOTION_DIFF). The first sample has no
 * neighbour, so it gets the edge term alone. Composition = share of busy quadrants.
 */
export function scoreAction(m: ActionMeasurements, sharpnessThreshold: number): ScoredFrame {
  const edgeTerm = clamp01(m.edgeDensity * 5);
  const motion = m.motionDiff === null ? edgeTerm : (edgeTerm + clamp01(m.motionDiff / FULL_MOTION_DIFF)) / 2;
  return weigh({ ...baseTerms(m, sharpnessThreshold), motion, composition: clamp01(m.quadrantSpread) }, ACTION_WEIGHTS);
}

/** No face 0.1; one face covering 5–30 % of the image 1.0; one face of another size 0.7; several 0.6. */
export function faceScore(faces: FaceBox[], imageArea: number): number {
  if (faces.length === 0) return 0.1;
  if (faces.length > 1) return 0.6;
  const face = faces[0]!;
  const share = imageArea > 0 ? (face.width * face.height) / imageArea : 0;
  return share >= 0.05 && share <= 0.3 ? 1 : 0.7;
}

function weigh(metrics: Record<string, number>, weights: Record<string, number>): ScoredFrame {
  let total = 0;
  let weightSum = 0;
  for (const [key, weight] of Object.entries(weights)) {
    const value = metrics[key];
    if (value === undefined) continue;
    total += weight * value;
    weightSum += weight;
  }
  return { score: weightSum > 0 ? clamp01(total / weightSum) : 0, metrics };
}
