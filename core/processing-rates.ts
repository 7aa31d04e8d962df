/**
 * How long a job takes the worker, from measured rates: what the configure step tells the user
 * before a job starts. A job costs a fixed part (download, probe, rendering three picks) plus a
 * part per second of video that grows with the frame's pixels. The figures are fitted to the
 * end-to-end benchmark (`npm run bench -- --sections job`, bench/README.md section 6, 2026-12-07, 2-core
 * machine, H.264 with a 1 s GOP): the 1080p and 2160p rows of each preset and mode; the 720p rows
 * come out within 25 % of them. Other codecs and long GOPs were not measured, hence the range.
 */
import type { PickMode, PickQuality } from "./pick-params";

interface JobRate {
  fixedSec: number;
  /** Seconds of work per second of video at 1920 × 1080; scaled by the frame's pixels. */
  perVideoSecondAt1080p: number;
}

export const JOB_RATES: Record<PickQuality, Record<PickMode, JobRate>> = {
  fast: { profile: { fixedSec: 1.3, perVideoSecondAt1080p: 0.027 }, action: { fixedSec: 0.7, perVideoSecondAt1080p: 0.03 } },
  balanced: { profile: { fixedSec: 1.1, perVideoSecondAt1080p: 0.035 }, action: { fixedSec: 1.0, perVideoSecondAt1080p: 0.03 } },
  best: { profile: { fixedSec: 1.7, perVideoSecondAt1080p: 0.114 }, action: { fixedSec: 2.1, perVideoSecondAt1080p: 0.101 } },
};

const PIXELS_1080P = 1920 * 1080;

export interface EstimateInput {
  durationSec: number;
  /** The frame's size when known; a 1080p frame is assumed otherwise. */
  width: number | null;
  height: number | null;
  quality: PickQuality;
  mode: PickMode;
}

/**
 * The likely range in seconds: the fitted time, from 0.8× to 1.5× (1.25× to 2.5× when the frame
 * size is unknown), since a long GOP or a slower codec costs more and the fit is for H.264.
 */
export function estimateJobSeconds(input: EstimateInput): { low: number; high: number } {
  const known = input.width !== null && input.height !== null && input.width > 0 && input.height > 0;
  const scale = known ? (input.width! * input.height!) / PIXELS_1080P : 1;
  const rate = JOB_RATES[input.quality][input.mode];
  const typical = rate.fixedSec + input.durationSec * rate.perVideoSecondAt1080p * scale;
  const [low, high] = known ? [0.8, 1.5] : [0.8, 2.5];
  return { low: Math.max(1, Math.round(typical * low)), high: Math.max(2, Math.round(typical * high)) };
}

/** The job's stages as its progress bar shows them (the job row's `stage`). */
export type ProgressStage = "probing" | "sampling" | "scoring" | "rendering";

/**
 * Each stage's share of a job's time, so the progress bar moves at an even pace: from the same
 * benchmark rows (1080p, profile): the download and probe, the scan, the choice, and rendering
 * with uploads. A deeper preset spends more of its time scanning.
 */
export const PROGRESS_SHARES: Record<PickQuality, Record<ProgressStage, number>> = {
  fast: { probing: 0.13, sampling: 0.4, scoring: 0.02, rendering: 0.45 },
  balanced: { probing: 0.11, sampling: 0.49, scoring: 0.02, rendering: 0.38 },
  best: { probing: 0.04, sampling: 0.8, scoring: 0.02, rendering: 0.14 },
};

/** Where each stage starts on the bar (0–1) and how much of it it spans. */
export function progressSpans(quality: PickQuality): Record<ProgressStage, [start: number, span: number]> {
  const shares = PROGRESS_SHARES[quality];
  let start = 0;
  const spans = {} as Record<ProgressStage, [number, number]>;
  for (const stage of ["probing", "sampling", "scoring", "rendering"] as const) {
    spans[stage] = [start, shares[stage]];
    start += shares[stage];
  }
  return spans;
}

/**
 * Progress below this says too little about the pace (the download and probe come first, and
 * take the same time however long the rest is).
 */
const MIN_PROGRESS_FOR_PACE = 0.05;

/**
 * Time left for a job that has run `elapsedMs` and reached `progress`, at the pace it has kept:
 * the bar moves at an even pace by design (PROGRESS_SHARES), so what is left takes the same per
 * unit of progress. Null before there is a pace to go by.
 */
export function remainingAtPace(elapsedMs: number, progress: number): number | null {
  if (!(progress >= MIN_PROGRESS_FOR_PACE) || elapsedMs < 0) return null;
  if (progress >= 1) return 0;
  return Math.round((elapsedMs * (1 - progress)) / progress);
}
