/**
 * A job's score timeline: how good each analysed moment looked, across the whole video, for the
 * results page to draw under the picks (and to scrub along). Stored on the job, kept small.
 */

/** A moment the analysis scored: seconds into the video, and its score in [0, 1]. */
export interface TimelinePoint {
  t: number;
  score: number;
}

/** Enough for a curve across a wide screen; a 30-minute Best scan measures thousands. */
export const MAX_TIMELINE_POINTS = 300;

/**
 * At most `max` points, one per equal stretch of the video: the best-scored moment of each, so
 * every peak a pick could come from survives. Times in milliseconds, scores to three decimals.
 */
export function downsampleTimeline(points: readonly TimelinePoint[], durationSec: number, max = MAX_TIMELINE_POINTS): TimelinePoint[] {
  const duration = Math.max(durationSec, 1e-3);
  const best = new Map<number, TimelinePoint>();
  for (const point of points) {
    const bucket = Math.min(max - 1, Math.max(0, Math.floor((point.t / duration) * max)));
    const kept = best.get(bucket);
    if (!kept || point.score > kept.score) best.set(bucket, point);
  }
  return [...best.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, p]) => ({ t: Math.round(p.t * 1000) / 1000, score: Math.round(Math.min(1, Math.max(0, p.score)) * 1000) / 1000 }));
}

/** The score of the analysed moment nearest `t`; null when nothing was analysed. */
export function scoreNear(points: readonly TimelinePoint[] | null, t: number): number | null {
  let best: TimelinePoint | null = null;
  for (const p of points ?? []) if (!best || Math.abs(p.t - t) < Math.abs(best.t - t)) best = p;
  return best?.score ?? null;
}
