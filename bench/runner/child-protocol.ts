/** What bench/run.ts sends to bench/pick-once.ts and reads back: one JSON argument in, one marked JSON line out. */
import type { PickMode, PickQuality } from "~/core/pick-params";

/** Pickers that run inside a measured child process. */
export type ChildPicker = "baseline" | `v2-${PickQuality}`;

export function isChildPicker(name: string): name is ChildPicker {
  return name === "baseline" || name === "v2-fast" || name === "v2-balanced" || name === "v2-best";
}

export interface PickOnceArgs {
  picker: ChildPicker;
  video: string;
  mode: PickMode;
  count: number;
  minIntervalSec: number;
}

export interface PickOnceResult {
  picks: Array<{ timestampSec: number; score: number }>;
  samples: number;
  /** In-process time of the pick itself (probe included), detector already loaded. */
  pickMs: number;
  /** Face model load before the clock started; null when the mode needs no detector. */
  detectorLoadMs: number | null;
  /** The Node process's own peak RSS (ffmpeg children not included). */
  nodeMaxRssMb: number;
}

/** Prefix of the result line, so stray library output on stdout cannot be mistaken for it. */
export const RESULT_MARKER = "PICK-ONCE-RESULT ";

export function parsePickOnceOutput(stdout: string): PickOnceResult {
  const line = stdout.split("\n").findLast((l) => l.startsWith(RESULT_MARKER));
  if (!line) throw new Error(`pick-once printed no result line; stdout ended with: ${stdout.slice(-500)}`);
  return JSON.parse(line.slice(RESULT_MARKER.length)) as PickOnceResult;
}
