/**
 * The original algorithm's scoring and selection, in our own pipeline: every 30th frame (of a
 * full-resolution decode) scored with the original weights and thresholds ("balanced" = 150), the
 * face term on every sample in profile mode, then greedy best-first selection with the minimum
 * interval (which can return fewer picks than asked; that is the original's fault and is kept).
 * Like the original, every sample is analysed at full resolution (its sharpness thresholds were
 * set for full-resolution frames). It is the quality yardstick that needs no Python, not a
 * stand-in for the original's speed: the frames come from v2's ffmpeg pipeline (gray, skipped
 * frames never converted) and faces from our detector, so it costs about 1.5× a full decode where
 * the original, which converts every frame to BGR in OpenCV, costs about 2.5×. The original
 * itself, in its own stack (Python + OpenCV), is ./original.py, and the speed target is checked
 * against that.
 */
import type { PickMode } from "~/core/pick-params";
import type { FaceDetector } from "../../worker/faces/detector";
import { probeVideo } from "../../worker/media/probe";
import { sampleFrames } from "../../worker/media/sample";
import { centreStd, meanBrightness, stdDev } from "../../worker/picker/metrics";
import { laplacianVariance, quadrantSpread } from "./baseline-metrics";
import { cannyEdgeDensity } from "./canny";
import { BASELINE_SHARPNESS, baselineActionScore, baselineProfileScore } from "./baseline-score";

export interface BaselineParams {
  mode: PickMode;
  count: number;
  minIntervalSec: number;
}

export interface BaselinePick {
  timestampSec: number;
  score: number;
}

const EVERY_NTH_FRAME = 30;

export async function pickBaseline(file: string, params: BaselineParams, faceDetector: FaceDetector | null): Promise<{ picks: BaselinePick[]; samples: number }> {
  const probe = await probeVideo(file);
  const { width, height } = evenSize(probe.width, probe.height);
  const threshold = BASELINE_SHARPNESS.balanced;
  // sampleFrames keeps the first frame of every 1/rate s slot: at a constant fps, every 30th frame.
  const rate = (probe.fps > 0 ? probe.fps : 30) / EVERY_NTH_FRAME;
  const scored: BaselinePick[] = [];
  await sampleFrames(file, { rate, width, height }, async (gray, w, h, timestampSec) => {
    const base = { laplacianVariance: laplacianVariance(gray, w, h), meanBrightness: meanBrightness(gray), contrastStd: stdDev(gray, w, h) };
    let score: number;
    if (params.mode === "profile") {
      const faces = faceDetector ? await faceDetector.detect(gray, w, h) : [];
      score = baselineProfileScore({ ...base, centreStd: centreStd(gray, w, h) }, faces, w * h, threshold);
    } else {
      score = baselineActionScore({ ...base, edgeDensity: cannyEdgeDensity(gray, w, h), quadrantSpread: quadrantSpread(gray, w, h) }, threshold);
    }
    scored.push({ timestampSec, score });
  });
  return { picks: greedySelect(scored, params.count, params.minIntervalSec), samples: scored.length };
}

/** Best score first; a sample is taken when it is at least the interval away from every pick so far. */
export function greedySelect(samples: readonly BaselinePick[], count: number, minIntervalSec: number): BaselinePick[] {
  const ranked = [...samples].sort((a, b) => b.score - a.score || a.timestampSec - b.timestampSec);
  const picks: BaselinePick[] = [];
  for (const sample of ranked) {
    if (picks.length >= count) break;
    if (picks.every((p) => Math.abs(p.timestampSec - sample.timestampSec) >= minIntervalSec)) picks.push(sample);
  }
  return picks;
}

/** The source size, rounded to even sides as the gray stream needs. */
function evenSize(width: number, height: number): { width: number; height: number } {
  const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
  return { width: even(width), height: even(height) };
}
