/**
 * What bench/run.ts sends to a picker's own process and reads back: one JSON argument in, one
 * marked JSON line out. Node pickers run in bench/pick-once.ts, the original in
 * bench/pickers/original.py; both print the same result line.
 */
import type { PickMode, PickQuality } from "~/core/pick-params";

/** Pickers that run in Node, in a fresh bench/pick-once.ts process. */
export type NodePicker = "baseline" | `v2-${PickQuality}`;

/** Pickers that run in a measured process of their own: the Node ones and the original (Python + OpenCV). */
export type ChildPicker = "original" | NodePicker;

export function isChildPicker(name: string): name is ChildPicker {
  return name === "original" || name === "baseline" || name === "v2-fast" || name === "v2-balanced" || name === "v2-best";
}

/** One pick, as the runner asks for it (run-picker.ts decides which process runs it). */
export interface ChildPickArgs {
  picker: ChildPicker;
  video: string;
  mode: PickMode;
  count: number;
  minIntervalSec: number;
}

/** What bench/pick-once.ts takes. */
export interface PickOnceArgs extends ChildPickArgs {
  picker: NodePicker;
}

/** What bench/pickers/original.py takes: no picker name, the Haar cascade file instead. */
export interface OriginalArgs extends Omit<ChildPickArgs, "picker"> {
  cascade: string;
}

export interface PickOnceResult {
  picks: Array<{ timestampSec: number; score: number }>;
  samples: number;
  /** In-process time of the pick itself (probe or open included), detector already loaded. */
  pickMs: number;
  /** Face detector load before the clock started; null when the mode needs no detector. */
  detectorLoadMs: number | null;
  /** Peak RSS of the picker's own process, Node or Python (ffmpeg children not included). */
  processMaxRssMb: number;
}

/** Prefix of the result line, so stray library output on stdout cannot be mistaken for it. */
export const RESULT_MARKER = "PICK-ONCE-RESULT ";

export function parsePickOnceOutput(stdout: string): PickOnceResult {
  const line = stdout.split("\n").findLast((l) => l.startsWith(RESULT_MARKER));
  if (!line) throw new Error(`the picker printed no result line; stdout ended with: ${stdout.slice(-500)}`);
  return JSON.parse(line.slice(RESULT_MARKER.length)) as PickOnceResult;
}
