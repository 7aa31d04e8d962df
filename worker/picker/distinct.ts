import { meanAbsDiff } from "./metrics";
import { selectFrames, type Scored } from "./select";

/**
 * Near-duplicate control. Each sample keeps a 16×16 thumbnail of block means (256 bytes, so
 * memory stays bounded by the sample cap); two samples whose thumbnails differ by less than
 * DUPLICATE_DIFF gray levels on average show the same picture (a tripod shot with nothing moving,
 * a paused screen, a slide). Deliberately strict: block means average away codec and sensor noise
 * (static shots measure < 0.5), while small real changes (a synthetic test pattern's moving dots,
 * a turning head) measure ~1.7 and above and must stay pickable.
 */
export const SIGNATURE_SIDE = 16;
export const DUPLICATE_DIFF = 1;

export function frameSignature(gray: Uint8Array, width: number, height: number): Uint8Array {
  const signature = new Uint8Array(SIGNATURE_SIDE * SIGNATURE_SIDE);
  for (let by = 0; by < SIGNATURE_SIDE; by++) {
    const y0 = Math.floor((by * height) / SIGNATURE_SIDE);
    const y1 = Math.max(y0 + 1, Math.floor(((by + 1) * height) / SIGNATURE_SIDE));
    for (let bx = 0; bx < SIGNATURE_SIDE; bx++) {
      const x0 = Math.floor((bx * width) / SIGNATURE_SIDE);
      const x1 = Math.max(x0 + 1, Math.floor(((bx + 1) * width) / SIGNATURE_SIDE));
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += gray[y * width + x] ?? 0;
      signature[by * SIGNATURE_SIDE + bx] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
    }
  }
  return signature;
}

export function isNearDuplicate(a: Uint8Array, b: Uint8Array): boolean {
  return meanAbsDiff(a, b) < DUPLICATE_DIFF;
}

/**
 * selectFrames, then: whenever a pick looks like a better-ranked pick, everything that looks like
 * the better one is dropped and the selection is run again. So the same moment is never delivered
 * twice; the only time fewer than `count` come back beyond the interval limit is when the video
 * has fewer distinct-looking moments than asked (e.g. a still slide). Each round drops at least one
 * sample, so it ends.
 */
export function selectDistinctFrames<T extends Scored & { signature: Uint8Array }>(samples: readonly T[], count: number, minIntervalSec: number): T[] {
  const dropped = new Set<T>();
  for (;;) {
    const candidates = dropped.size === 0 ? samples : samples.filter((s) => !dropped.has(s));
    const picks = selectFrames(candidates, count, minIntervalSec);
    const kept = firstDuplicatedPick(picks);
    if (!kept) return picks;
    for (const sample of candidates) if (sample !== kept && isNearDuplicate(sample.signature, kept.signature)) dropped.add(sample);
  }
}

/** The best-ranked pick that some lower-ranked pick duplicates, if any. */
function firstDuplicatedPick<T extends { signature: Uint8Array }>(ranked: readonly T[]): T | null {
  for (let a = 0; a < ranked.length; a++) {
    for (let b = a + 1; b < ranked.length; b++) {
      if (isNearDuplicate(ranked[a]!.signature, ranked[b]!.signature)) return ranked[a]!;
    }
  }
  return null;
}
