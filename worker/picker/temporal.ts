import { meanAbsDiff } from "./metrics";

/** What a sample's neighbours in time say about it. */
export interface TemporalStats {
  /** Mean gray change to the nearer-looking neighbour (0–255): movement, not a cut. */
  motion: number;
  /** Part of a dissolve or fade: the frame is a mix of its neighbours. */
  transition: boolean;
}

/** Neighbours must differ at least this much (gray levels) before "a mix of them" means anything. */
const MIN_TRANSITION_CHANGE = 6;
/** A frame this close to the average of its neighbours (relative to how much they differ) is a blend. */
const MAX_BLEND_RESIDUAL = 0.3;
/** Neighbours further apart than this tell nothing about each other. */
const MAX_NEIGHBOUR_GAP_SEC = 2.5;

/**
 * For samples in time order (thumbnails of equal size): motion is the smaller of the changes to
 * the previous and the next sample, so a hard cut (a big change on one side only) is not motion.
 * A dissolve or fade frame is (close to) the average of its neighbours, which differ a lot; a
 * moving or cut frame is not, because mixing two shifted pictures gives a ghosted one.
 */
export function temporalStats(thumbs: readonly { timestampSec: number; thumb: Uint8Array }[]): TemporalStats[] {
  return thumbs.map((current, i) => {
    const previous = neighbour(thumbs, i, -1);
    const next = neighbour(thumbs, i, 1);
    const toPrevious = previous ? meanAbsDiff(previous.thumb, current.thumb) : null;
    const toNext = next ? meanAbsDiff(current.thumb, next.thumb) : null;
    const motion = toPrevious === null ? (toNext ?? 0) : toNext === null ? toPrevious : Math.min(toPrevious, toNext);
    let transition = false;
    if (previous && next) {
      const across = meanAbsDiff(previous.thumb, next.thumb);
      if (across >= MIN_TRANSITION_CHANGE) transition = blendResidual(previous.thumb, current.thumb, next.thumb) < MAX_BLEND_RESIDUAL * (across / 2);
    }
    return { motion, transition };
  });
}

function neighbour<T extends { timestampSec: number }>(items: readonly T[], i: number, direction: 1 | -1): T | null {
  const candidate = items[i + direction];
  if (!candidate || Math.abs(candidate.timestampSec - items[i]!.timestampSec) > MAX_NEIGHBOUR_GAP_SEC) return null;
  return candidate;
}

/** Mean |current − (previous + next) / 2|. */
function blendResidual(previous: Uint8Array, current: Uint8Array, next: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < current.length; i++) sum += Math.abs(current[i]! - (previous[i]! + next[i]!) / 2);
  return current.length === 0 ? 0 : sum / current.length;
}
