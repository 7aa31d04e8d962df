/**
 * The ORIGINAL scoring (as docs/product.md describes the original), frozen here as the yardstick. Copied from
 * the first port (worker/picker/score.ts, since removed) rather than imported, because the worker's scoring is
 * being replaced; the port's one behaviour change is undone: action "motion" is the edge term
 * alone, as the original had it. Terms are clamped to [0, 1] like the port: the original's
 * brightness could dip below 0 only at mean 255, a frame that ranks last either way.
 */
import type { FaceBox } from "../../worker/faces/detector";

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
  /** Share of Canny 50/150 edge pixels. */
  edgeDensity: number;
  /** Share of quadrants with std > 20. */
  quadrantSpread: number;
}

/** The original's per-quality sharpness thresholds; the benchmark runs it at "balanced". */
export const BASELINE_SHARPNESS = { fast: 100, balanced: 150, best: 200 } as const;

const PROFILE_WEIGHTS = { sharpness: 0.3, brightness: 0.2, contrast: 0.2, face: 0.2, composition: 0.1 };
const ACTION_WEIGHTS = { sharpness: 0.25, brightness: 0.15, contrast: 0.2, motion: 0.25, composition: 0.15 };

const clamp01 = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);

function baseTerms(m: BaseMeasurements, sharpnessThreshold: number) {
  return {
    sharpness: clamp01(m.laplacianVariance / sharpnessThreshold),
    brightness: clamp01(1 - Math.abs(m.meanBrightness - 127) / 127),
    contrast: clamp01(m.contrastStd / 80),
  };
}

export function baselineProfileScore(m: ProfileMeasurements, faces: readonly FaceBox[], imageArea: number, sharpnessThreshold: number): number {
  const terms = { ...baseTerms(m, sharpnessThreshold), face: faceScore(faces, imageArea), composition: clamp01(m.centreStd / 50) };
  return weigh(terms, PROFILE_WEIGHTS);
}

export function baselineActionScore(m: ActionMeasurements, sharpnessThreshold: number): number {
  const terms = { ...baseTerms(m, sharpnessThreshold), motion: clamp01(m.edgeDensity * 5), composition: clamp01(m.quadrantSpread) };
  return weigh(terms, ACTION_WEIGHTS);
}

/** No face 0.1; one face covering 5–30 % of the image 1.0; one face of another size 0.7; several 0.6. */
function faceScore(faces: readonly FaceBox[], imageArea: number): number {
  if (faces.length === 0) return 0.1;
  if (faces.length > 1) return 0.6;
  const face = faces[0]!;
  const share = imageArea > 0 ? (face.width * face.height) / imageArea : 0;
  return share >= 0.05 && share <= 0.3 ? 1 : 0.7;
}

function weigh<K extends string>(terms: Record<K, number>, weights: Record<K, number>): number {
  let total = 0;
  for (const key of Object.keys(weights) as K[]) total += weights[key] * terms[key];
  return total;
}
