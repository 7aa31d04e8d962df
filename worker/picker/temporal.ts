import { meanAbsDiff, toneMatchedDiff } from "./metrics";

/** What a sample's neighbours in time say about it. */
export interface TemporalStats {
  /**
   * How far the picture moved towards the nearer-looking neighbour, in thumbnail pixels: the mean
   * gray change divided by the frame's mean gradient (a shift by d changes each pixel by about
   * d × its gradient), so a pan over a smooth sky counts as much as one over a busy street.
   */
  motion: number;
  /** Part of a dissolve or fade: the frame is a mix of its neighbours. */
  transition: boolean;
}

/** Neighbours must differ at least this much (gray levels) before "a mix of them" means anything. */
const MIN_TRANSITION_CHANGE = 6;
/** A frame this close to the average of its neighbours (relative to how much they differ) is a blend. */
const MAX_BLEND_RESIDUAL = 0.3;
/**
 * Neighbours further apart than this tell nothing about each other. Long enough for keyframes of
 * a 5 s GOP, where a keyframe inside a dissolve sits between pure shots either side.
 */
const MAX_NEIGHBOUR_GAP_SEC = 6;
/** Only samples this close (seconds) on both sides say whether a sample sits between two shots. */
const SHOT_NEIGHBOUR_GAP_SEC = 0.35;
/** Histogram distance between close samples that means a different shot, not movement within one. */
const SHOT_CHANGE_DISTANCE = 0.35;
/** Gradients below this (gray levels per pixel) are a flat frame: its "motion" is noise. */
const MIN_GRADIENT = 2;

/**
 * For samples in time order (thumbnails of equal size): motion is the smaller of the changes to
 * the previous and the next sample, so a hard cut (a big change on one side only) is not motion.
 * A dissolve or fade frame is (close to) the average of its neighbours, which differ a lot; a
 * moving or cut frame is not, because mixing two shifted pictures gives a ghosted one.
 */
export function temporalStats(thumbs: readonly { timestampSec: number; thumb: Uint8Array }[], width: number): TemporalStats[] {
  const blends = thumbs.map((_, i) => isBlendOfNeighbours(thumbs, i));
  const sameAsNext = thumbs.map((current, i) => i + 1 < thumbs.length && samePicture(current.thumb, thumbs[i + 1]!.thumb, width));
  return thumbs.map((current, i) => {
    const previous = neighbour(thumbs, i, -1);
    const next = neighbour(thumbs, i, 1);
    // Light that changes (a fade, exposure hunting) is not movement: compare with tones matched.
    const toPrevious = previous ? toneMatchedDiff(previous.thumb, current.thumb) : null;
    const toNext = next ? toneMatchedDiff(next.thumb, current.thumb) : null;
    const change = toPrevious === null ? (toNext ?? 0) : toNext === null ? toPrevious : Math.min(toPrevious, toNext);
    const motion = change / Math.max(MIN_GRADIENT, meanGradient(current.thumb, width));
    // A sample next to a blend is in the transition too (or at its very edge): with samples only
    // on one side of it, as at the start of a dense window, that is how a dissolve shows.
    const transition = blends[i]! || (previous !== null && blends[i - 1]!) || (next !== null && blends[i + 1]!) || betweenShots(thumbs, i) || fadingToOrFromDark(thumbs, i, sameAsNext);
    return { motion, transition };
  });
}

/**
 * Densely sampled, a sample whose close neighbours belong to two different shots (their tonal
 * histograms differ a lot) is at a cut or inside a dissolve: a dissolve into a moving shot is no
 * linear blend of its neighbours, but it always lies between two shots. At a hard cut this costs
 * the one sample on either side of it, which shows a whole picture; a fair price.
 */
function betweenShots(thumbs: readonly { timestampSec: number; thumb: Uint8Array }[], i: number): boolean {
  const t = thumbs[i]!.timestampSec;
  const before = thumbs[i - 1];
  const after = thumbs[i + 1];
  if (!before || !after || t - before.timestampSec > SHOT_NEIGHBOUR_GAP_SEC || after.timestampSec - t > SHOT_NEIGHBOUR_GAP_SEC) return false;
  return histogramDistance(before.thumb, after.thumb) >= SHOT_CHANGE_DISTANCE;
}

/**
 * A close neighbour much darker than the sample means the picture is fading out (or in), or cuts
 * to black: either way this moment is about to be, or has just been, a darkening one. Further
 * away, a darker sample counts only at the end of a darkening that can only be a fade:
 * - a gentle, steady one, each sample on the way a little darker than the one before and none a
 *   cliff (a moving picture fading);
 * - or the light of the picture itself going down: the brightness steps between samples that
 *   show the same picture, multiplied up. Steps where the picture changed (a cut, something
 *   moving in, a window opening in a screencast) say nothing about the light and are skipped, so
 *   a slow fade is seen from its first seconds even while its content changes.
 * A cut to a darker shot does not cost the stretch before it, even one drifting darker as its
 * content moves.
 */
function fadingToOrFromDark(thumbs: readonly { timestampSec: number; thumb: Uint8Array }[], i: number, sameAsNext: readonly boolean[]): boolean {
  const t = thumbs[i]!.timestampSec;
  const level = mean(thumbs[i]!.thumb);
  for (const direction of [-1, 1]) {
    let previous = level;
    let steady = true;
    let light = 1;
    for (let j = i + direction; j >= 0 && j < thumbs.length && Math.abs(thumbs[j]!.timestampSec - t) <= SLOW_FADE_REACH_SEC; j += direction) {
      const current = mean(thumbs[j]!.thumb);
      const near = Math.abs(thumbs[j]!.timestampSec - t) <= FADE_REACH_SEC;
      const gentle = current < previous * (1 - FADE_STEP) && current > previous * (1 - MAX_FADE_STEP);
      if (current > previous * (1 - MAX_FADE_STEP) && sameAsNext[Math.min(j, j - direction)]) light *= current / Math.max(1, previous);
      // Beyond the near reach, one darker sample alone could be a cut: it needs gentle steps all the way.
      if (current < FADE_RATIO * level && (near || (steady && gentle && j !== i + direction))) return true;
      if (light < FADE_RATIO) return true;
      steady &&= gentle;
      previous = current;
    }
  }
  return false;
}

/** Two samples show the same picture, perhaps in another light: tone-matched, they differ by less than a small shift. */
function samePicture(a: Uint8Array, b: Uint8Array, width: number): boolean {
  return toneMatchedDiff(a, b) / Math.max(MIN_GRADIENT, meanGradient(b, width)) < SAME_PICTURE_MOTION;
}

/** Tone-matched change (in thumbnail pixels of shift, as `motion`) below which two samples show the same picture. */
const SAME_PICTURE_MOTION = 0.5;
/** A sample this close (seconds) at less than FADE_RATIO of a sample's brightness: a fade or a cut to dark. */
const FADE_REACH_SEC = 0.6;
const FADE_RATIO = 0.75;
/**
 * How far (seconds) a darkening is followed: far enough to see the first seconds of a fade
 * lasting ten. A steady one needs each step this much darker (share of brightness)...
 */
const SLOW_FADE_REACH_SEC = 3;
const FADE_STEP = 0.01;
/** ...and less than this: a bigger drop between two samples is a cut, not a fade. */
const MAX_FADE_STEP = 0.25;

function mean(values: Uint8Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length === 0 ? 0 : sum / values.length;
}

const HISTOGRAM_BINS = 16;

/** Half the L1 distance between 16-bin gray histograms: 0 (same tones) … 1 (no tone in common). */
export function histogramDistance(a: Uint8Array, b: Uint8Array): number {
  const counts = new Float64Array(HISTOGRAM_BINS);
  for (let i = 0; i < a.length; i++) counts[a[i]! >> 4]! += 1 / a.length;
  for (let i = 0; i < b.length; i++) counts[b[i]! >> 4]! -= 1 / b.length;
  let sum = 0;
  for (const c of counts) sum += Math.abs(c);
  return sum / 2;
}

/** Sample i is (close to) the average of its neighbours, which differ clearly: a dissolve or fade. */
function isBlendOfNeighbours(thumbs: readonly { timestampSec: number; thumb: Uint8Array }[], i: number): boolean {
  const previous = neighbour(thumbs, i, -1);
  const next = neighbour(thumbs, i, 1);
  if (!previous || !next) return false;
  const across = meanAbsDiff(previous.thumb, next.thumb);
  return across >= MIN_TRANSITION_CHANGE && blendResidual(previous.thumb, thumbs[i]!.thumb, next.thumb) < MAX_BLEND_RESIDUAL * (across / 2);
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

/** Mean absolute difference between horizontal and vertical neighbours. */
function meanGradient(thumb: Uint8Array, width: number): number {
  const height = Math.floor(thumb.length / width);
  let sum = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (x > 0) {
        sum += Math.abs(thumb[i]! - thumb[i - 1]!);
        count++;
      }
      if (y > 0) {
        sum += Math.abs(thumb[i]! - thumb[i - width]!);
        count++;
      }
    }
  }
  return count === 0 ? 0 : sum / count;
}
