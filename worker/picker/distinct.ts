import { hashDistance, type PerceptualHash } from "./perceptual-hash";
import { mostThatFit, selectFrames, type Scored } from "./select";

/**
 * Near-duplicate control, on perceptual hashes (perceptual-hash.ts, distance in bits of 64).
 * Measured on the benchmark: the same still shot seconds later differs by 0–14 bits (a slow
 * drift), a repeat of a shot by 2–10, two different shots by 22–46. But a picture that keeps
 * changing slowly, such as a Mandelbrot zoom, also moves only 10–14 bits a second. So:
 * - pictures within SIMILAR_BITS are not picked twice while other moments can fill the request;
 * - pictures within IDENTICAL_BITS (noise and codec jitter only) are never delivered twice, even
 *   if that means fewer frames than asked: a still slide gives one frame, not three copies.
 */
export const SIMILAR_BITS = 14;
export const IDENTICAL_BITS = 3;

export function isNearDuplicate(a: PerceptualHash, b: PerceptualHash, bits = SIMILAR_BITS): boolean {
  return hashDistance(a, b) <= bits;
}

/**
 * The best selection (selectFrames) with no two similar pictures; if that cannot fill the
 * request, the best with no two identical ones, when it gets more frames.
 */
export function selectDistinctFrames<T extends Scored & { hash: PerceptualHash }>(samples: readonly T[], count: number, minIntervalSec: number): T[] {
  const distinct = selectUnlike(samples, count, minIntervalSec, SIMILAR_BITS);
  const byTime = [...samples].sort((a, b) => a.timestampSec - b.timestampSec);
  if (distinct.length >= Math.min(count, mostThatFit(byTime, minIntervalSec))) return distinct;
  const filled = selectUnlike(samples, count, minIntervalSec, IDENTICAL_BITS);
  return filled.length > distinct.length ? filled : distinct;
}

/**
 * selectFrames, then: whenever a pick looks like a better-ranked pick (within `bits`), everything
 * that looks like the better one is dropped and the selection is run again. Each round drops at
 * least one sample, so it ends.
 */
function selectUnlike<T extends Scored & { hash: PerceptualHash }>(samples: readonly T[], count: number, minIntervalSec: number, bits: number): T[] {
  const dropped = new Set<T>();
  for (;;) {
    const candidates = dropped.size === 0 ? samples : samples.filter((s) => !dropped.has(s));
    const picks = selectFrames(candidates, count, minIntervalSec);
    const kept = firstDuplicatedPick(picks, bits);
    if (!kept) return picks;
    for (const sample of candidates) if (sample !== kept && isNearDuplicate(sample.hash, kept.hash, bits)) dropped.add(sample);
  }
}

/** The best-ranked pick that some lower-ranked pick duplicates, if any. */
function firstDuplicatedPick<T extends { hash: PerceptualHash }>(ranked: readonly T[], bits: number): T | null {
  for (let a = 0; a < ranked.length; a++) {
    for (let b = a + 1; b < ranked.length; b++) {
      if (isNearDuplicate(ranked[a]!.hash, ranked[b]!.hash, bits)) return ranked[a]!;
    }
  }
  return null;
}
