import { hashDistance, type PerceptualHash } from "./perceptual-hash";
import { selectFrames, type Scored } from "./select";

/**
 * Near-duplicate control. Two moments whose perceptual hashes (perceptual-hash.ts) differ in at
 * most NEAR_DUPLICATE_BITS of 64 show the same picture: a tripod shot, a paused screen, a slow
 * drift over the same view. Noise, compression and a few pixels of drift change a handful of bits;
 * a new view changes about half of them.
 */
export const NEAR_DUPLICATE_BITS = 10;

export function isNearDuplicate(a: PerceptualHash, b: PerceptualHash): boolean {
  return hashDistance(a, b) <= NEAR_DUPLICATE_BITS;
}

/**
 * selectFrames, then: whenever a pick looks like a better-ranked pick, everything that looks like
 * the better one is dropped and the selection is run again. So the same picture is never delivered
 * twice; the only time fewer than `count` come back beyond the interval limit is when the video
 * has fewer distinct-looking moments than asked (e.g. a still slide). Each round drops at least one
 * sample, so it ends.
 */
export function selectDistinctFrames<T extends Scored & { hash: PerceptualHash }>(samples: readonly T[], count: number, minIntervalSec: number): T[] {
  const dropped = new Set<T>();
  for (;;) {
    const candidates = dropped.size === 0 ? samples : samples.filter((s) => !dropped.has(s));
    const picks = selectFrames(candidates, count, minIntervalSec);
    const kept = firstDuplicatedPick(picks);
    if (!kept) return picks;
    for (const sample of candidates) if (sample !== kept && isNearDuplicate(sample.hash, kept.hash)) dropped.add(sample);
  }
}

/** The best-ranked pick that some lower-ranked pick duplicates, if any. */
function firstDuplicatedPick<T extends { hash: PerceptualHash }>(ranked: readonly T[]): T | null {
  for (let a = 0; a < ranked.length; a++) {
    for (let b = a + 1; b < ranked.length; b++) {
      if (isNearDuplicate(ranked[a]!.hash, ranked[b]!.hash)) return ranked[a]!;
    }
  }
  return null;
}
