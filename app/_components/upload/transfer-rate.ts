/** Upload speed over a sliding window, so the shown speed follows the connection without jitter. */
export interface TransferSample {
  at: number;
  loaded: number;
}

const WINDOW_MS = 4000;
const MIN_SPAN_MS = 400;

export function addSample(samples: readonly TransferSample[], next: TransferSample): TransferSample[] {
  const kept = samples.filter((s) => next.at - s.at <= WINDOW_MS);
  return [...kept, next];
}

/** Bytes per second over the window, or null until there is enough to measure. */
export function bytesPerSecond(samples: readonly TransferSample[]): number | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.at - first.at < MIN_SPAN_MS) return null;
  return ((last.loaded - first.loaded) * 1000) / (last.at - first.at);
}

export function secondsLeft(loaded: number, total: number, rate: number | null): number | null {
  if (rate === null || rate <= 0) return null;
  return Math.max(0, total - loaded) / rate;
}
