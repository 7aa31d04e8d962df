/**
 * What bench/run.ts sends to a picker's own process and reads back: one JSON argument in, one
 * marked JSON line out. Node pickers run in bench/pick-once.ts, the original in
 * bench/pickers/original.py; both print the same result line. A whole job runs in
 * bench/job-once.ts, which prints its own.
 */
import type { PickMode, PickQuality } from "~/core/pick-params";
import type { StageTimings } from "~/core/stage-timings";

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

/** What bench/job-once.ts prints: one job through `processJob`, as the worker runs it. */
export interface JobOnceResult {
  outcome: "ack" | "retry";
  status: string;
  errorReason: string | null;
  /** What the job stored (core/stage-timings.ts); null when it did not finish. */
  timings: StageTimings | null;
  /** In-process time of `processJob` up to the job's done, claim to commit (face model and measuring thread up before). */
  jobMs: number;
  /** What `processJob` went on to do once the job was done: the storyboard, which nobody waits for. */
  afterDoneMs: number;
  /** One moment added by hand afterwards, `processMoment` from claim to commit; null if it did not end done. */
  momentMs: number | null;
  detectorLoadMs: number;
  /** Peak RSS of the worker's own Node process (ffmpeg children not included). */
  processMaxRssMb: number;
}

function parseResultLine<T>(stdout: string, who: string): T {
  const line = stdout.split("\n").findLast((l) => l.startsWith(RESULT_MARKER));
  if (!line) throw new Error(`${who} printed no result line; stdout ended with: ${stdout.slice(-500)}`);
  return JSON.parse(line.slice(RESULT_MARKER.length)) as T;
}

export const parsePickOnceOutput = (stdout: string) => parseResultLine<PickOnceResult>(stdout, "the picker");
export const parseJobOnceOutput = (stdout: string) => parseResultLine<JobOnceResult>(stdout, "the job");
