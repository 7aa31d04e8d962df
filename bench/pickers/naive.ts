/**
 * Pickers that look at nothing, as floors for precision: evenly spaced moments, and seeded random
 * moments at least the interval apart. They cost no decoding, so they are computed in the runner
 * (a child process would only time Node's start-up).
 */
import { mulberry32 } from "../synth/prng";

export interface TimedPick {
  timestampSec: number;
}

/** (i + 0.5) · duration / count. */
export function uniformPicks(durationSec: number, count: number): TimedPick[] {
  return Array.from({ length: count }, (_, i) => ({ timestampSec: ((i + 0.5) * durationSec) / count }));
}

/** Deterministic per seed; gives up after many rejections (a clip too short for `count` at that spacing). */
export function randomPicks(durationSec: number, count: number, minIntervalSec: number, seed: string): TimedPick[] {
  const next = mulberry32(hashString(seed));
  const picks: TimedPick[] = [];
  for (let attempt = 0; attempt < 10_000 && picks.length < count; attempt++) {
    const t = next() * durationSec;
    if (picks.every((p) => Math.abs(p.timestampSec - t) >= minIntervalSec)) picks.push({ timestampSec: t });
  }
  return picks;
}

/** FNV-1a: a stable 32-bit seed from a name. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
