export interface Scored {
  timestampSec: number;
  score: number;
}

/** Float slack when comparing gaps: 2.0 − 0.0 must count as "2 s apart" whatever the rounding. */
const GAP_EPSILON = 1e-6;

/**
 * Chooses the subset with the highest TOTAL score such that every two chosen samples are at least
 * `minIntervalSec` apart. Returns exactly `count` when that many fit at that spacing, otherwise
 * as many as fit (the original's greedy best-first could strand the clip with fewer).
 *
 * Dynamic programming over samples sorted by time, O(count · n): best[c][i] is the best total of
 * c picks among the first i samples; taking sample i-1 continues from the last sample at least
 * one interval before it. Ties keep the earlier sample, so the result is deterministic. The
 * result is ordered by score, best first (rank 1), equal scores earlier first.
 */
export function selectFrames<T extends Scored>(samples: readonly T[], count: number, minIntervalSec: number): T[] {
  if (count <= 0 || samples.length === 0) return [];
  const sorted = samples
    .map((sample, index) => ({ sample, index }))
    .sort((a, b) => a.sample.timestampSec - b.sample.timestampSec || a.index - b.index)
    .map(({ sample }) => sample);
  const n = sorted.length;
  const time = (i: number) => sorted[i]!.timestampSec;

  // before[i]: how many samples (a prefix) lie at least one interval before sample i.
  const before = new Int32Array(n);
  for (let i = 0, j = 0; i < n; i++) {
    while (j < i && time(j) <= time(i) - minIntervalSec + GAP_EPSILON) j++;
    before[i] = j;
  }

  const picks = Math.min(count, mostThatFit(sorted, minIntervalSec));
  const best: Float64Array[] = [new Float64Array(n + 1)];
  for (let c = 1; c <= picks; c++) {
    const row = new Float64Array(n + 1).fill(-Infinity);
    const previous = best[c - 1]!;
    for (let i = 1; i <= n; i++) {
      const take = previous[before[i - 1]!]! + sorted[i - 1]!.score;
      row[i] = Math.max(row[i - 1]!, take);
    }
    best.push(row);
  }

  const chosen: T[] = [];
  for (let c = picks, i = n; c > 0 && i > 0; ) {
    if (best[c]![i] === best[c]![i - 1]) {
      i--;
    } else {
      chosen.push(sorted[i - 1]!);
      i = before[i - 1]!;
      c--;
    }
  }
  return chosen.sort((a, b) => b.score - a.score || a.timestampSec - b.timestampSec);
}

/** Earliest-first greedy packing: the largest number of samples that can be `minIntervalSec` apart. */
export function mostThatFit(sortedByTime: readonly Scored[], minIntervalSec: number): number {
  let fitted = 0;
  let last = -Infinity;
  for (const { timestampSec } of sortedByTime) {
    if (timestampSec - last >= minIntervalSec - GAP_EPSILON) {
      fitted++;
      last = timestampSec;
    }
  }
  return fitted;
}
