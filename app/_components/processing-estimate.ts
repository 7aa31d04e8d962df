import type { PickQuality } from "~/core/pick-params";

/**
 * A rough processing time shown before a job starts. Deeper quality presets look at more
 * moments per second of video; the constants are deliberately generous and the UI labels the
 * result as an estimate. Time waiting in the queue is not included.
 */
const SECONDS_PER_VIDEO_SECOND: Record<PickQuality, number> = { fast: 0.1, balanced: 0.25, best: 0.6 };
const FIXED_OVERHEAD_SEC = 4;

export function estimateProcessingSeconds(
  durationSec: number | null,
  quality: PickQuality,
): { low: number; high: number } | null {
  if (durationSec === null || !Number.isFinite(durationSec)) return null;
  const typical = FIXED_OVERHEAD_SEC + durationSec * SECONDS_PER_VIDEO_SECOND[quality];
  return { low: Math.max(2, Math.round(typical * 0.6)), high: Math.max(5, Math.round(typical * 1.6)) };
}

function roundForDisplay(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  return `${Math.round(seconds / 60)} min`;
}

export function describeEstimate(durationSec: number | null, quality: PickQuality): string {
  const range = estimateProcessingSeconds(durationSec, quality);
  if (!range) return "Depends on the video’s length; you will see live progress.";
  const low = roundForDisplay(range.low);
  const high = roundForDisplay(range.high);
  return low === high ? `About ${low}` : `About ${low} – ${high}`;
}
