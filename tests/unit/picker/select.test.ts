import { describe, expect, it } from "vitest";
import { selectFrames, type Scored } from "../../../worker/picker/select";

/** The original algorithm: best first, skip anything too close to what is already taken. */
function greedy(samples: Scored[], count: number, interval: number): Scored[] {
  const chosen: Scored[] = [];
  for (const s of [...samples].sort((a, b) => b.score - a.score)) {
    if (chosen.length === count) break;
    if (chosen.every((c) => Math.abs(c.timestampSec - s.timestampSec) >= interval)) chosen.push(s);
  }
  return chosen;
}

function spacedOk(picks: Scored[], interval: number): boolean {
  const times = picks.map((p) => p.timestampSec).sort((a, b) => a - b);
  return times.every((t, i) => i === 0 || t - times[i - 1]! >= interval - 1e-6);
}

const total = (picks: Scored[]) => picks.reduce((sum, p) => sum + p.score, 0);

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

/** A 10 s clip sampled every 0.5 s; the best moments sit where greedy strands the timeline. */
function strandingClip(): Scored[] {
  const samples: Scored[] = [];
  for (let t = 0; t < 10; t += 0.5) samples.push({ timestampSec: t, score: 0.5 });
  for (const peak of [1.5, 5, 8.5]) samples.find((s) => s.timestampSec === peak)!.score = 0.9;
  return samples;
}

describe("selectFrames", () => {
  it("fills the request where the original greedy under-filled", () => {
    const samples = strandingClip();
    expect(greedy(samples, 5, 2)).toHaveLength(3); // the fault, reproduced
    const picks = selectFrames(samples, 5, 2);
    expect(picks).toHaveLength(5);
    expect(spacedOk(picks, 2)).toBe(true);
  });

  it("returns the most that fit when more are asked than fit (10 from a 10 s clip at 2 s → 5)", () => {
    const samples = Array.from({ length: 40 }, (_, i) => ({ timestampSec: i * 0.25, score: ((i * 7) % 11) / 11 }));
    const picks = selectFrames(samples, 10, 2);
    expect(picks).toHaveLength(5);
    expect(spacedOk(picks, 2)).toBe(true);
  });

  it("orders the result best first", () => {
    const picks = selectFrames(strandingClip(), 5, 2);
    const scores = picks.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(picks[0]!.score).toBe(0.9);
  });

  it("counts a gap of exactly the interval as far enough", () => {
    const samples = [0, 2, 4].map((t) => ({ timestampSec: t * 0.1 * 10, score: 1 }));
    expect(selectFrames(samples, 3, 2)).toHaveLength(3);
    const thirds = [0, 1 / 3, 2 / 3].map((t) => ({ timestampSec: t, score: 1 }));
    expect(selectFrames(thirds, 3, 1 / 3)).toHaveLength(3);
  });

  it("is deterministic: same answer for the same samples in any order, ties included", () => {
    const samples = Array.from({ length: 30 }, (_, i) => ({ timestampSec: i * 0.5, score: i % 3 === 0 ? 0.9 : 0.7 }));
    const first = selectFrames(samples, 4, 2).map((p) => p.timestampSec);
    const shuffled = [...samples].sort((a, b) => ((a.timestampSec * 7919) % 13) - ((b.timestampSec * 7919) % 13));
    expect(selectFrames(shuffled, 4, 2).map((p) => p.timestampSec)).toEqual(first);
    expect(selectFrames(samples, 4, 2).map((p) => p.timestampSec)).toEqual(first);
  });

  it("handles empty input and a zero count", () => {
    expect(selectFrames([], 3, 1)).toEqual([]);
    expect(selectFrames([{ timestampSec: 1, score: 1 }], 0, 1)).toEqual([]);
  });

  it("matches brute force on small random inputs: maximal size, maximal total, spacing respected", () => {
    const rand = random(42);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(rand() * 11);
      const samples = Array.from({ length: n }, () => ({ timestampSec: Math.round(rand() * 80) / 10, score: Math.round(rand() * 100) / 100 }));
      const count = 1 + Math.floor(rand() * 4);
      const interval = 0.5 + Math.floor(rand() * 6) * 0.5;

      let bestSize = 0;
      let bestTotal = 0;
      for (let mask = 1; mask < 1 << n; mask++) {
        const subset = samples.filter((_, i) => mask & (1 << i));
        if (subset.length > count || !spacedOk(subset, interval)) continue;
        const sum = total(subset);
        if (subset.length > bestSize || (subset.length === bestSize && sum > bestTotal)) {
          bestSize = subset.length;
          bestTotal = sum;
        }
      }

      const picks = selectFrames(samples, count, interval);
      expect(spacedOk(picks, interval)).toBe(true);
      expect(picks).toHaveLength(bestSize);
      expect(total(picks)).toBeCloseTo(bestTotal, 9);
    }
  });
});
