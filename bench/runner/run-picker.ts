/** Runs one picker on one video and returns its picks with what it cost. */
import { join } from "node:path";
import { resolveFfmpeg } from "../../worker/media/binaries";
import type { TimedPick } from "../pickers/naive";
import { thumbnailArgs, thumbnailPicks } from "../pickers/thumbnail";
import { parsePickOnceOutput, type PickOnceArgs } from "./child-protocol";
import { measureProcess } from "./measure";

const PICK_ONCE = join(import.meta.dirname, "..", "pick-once.ts");

export interface PickerRun {
  picks: TimedPick[];
  /** In-process pick time (Node pickers), or the process wall (ffmpeg anchors); null = not timed. */
  pickWallSec: number | null;
  /** Whole process: wall, CPU of the tree, peak RSS of its largest process. */
  procWallSec: number | null;
  cpuSec: number | null;
  peakRssMb: number | null;
  /** The Node process alone; null for ffmpeg anchors. */
  nodeRssMb: number | null;
  detectorLoadSec: number | null;
  samples: number | null;
  /** Why the run failed (no picks then); the benchmark goes on with the other runs. */
  error: string | null;
}

export function untimedRun(picks: TimedPick[]): PickerRun {
  return { picks, pickWallSec: null, procWallSec: null, cpuSec: null, peakRssMb: null, nodeRssMb: null, detectorLoadSec: null, samples: null, error: null };
}

export function failedRun(error: unknown): PickerRun {
  return { ...untimedRun([]), error: shortError(error) };
}

/** The child's stderr ends in a stack trace; its first "…Error…" line is the useful part. */
export function shortError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split("\n").find((l) => /Error\b/.test(l) && !l.startsWith("    at "));
  return (line ?? message).trim().slice(0, 300);
}

/** baseline or v2-* in a fresh `node --import tsx bench/pick-once.ts` under GNU time. */
export function runChildPicker(args: PickOnceArgs): PickerRun {
  const label = `${args.picker} ${args.mode} ${args.video}`;
  const measured = measureProcess(label, process.execPath, ["--import", "tsx", PICK_ONCE, JSON.stringify(args)]);
  const result = parsePickOnceOutput(measured.stdout);
  return {
    picks: result.picks,
    pickWallSec: result.pickMs / 1000,
    procWallSec: measured.wallSec,
    cpuSec: measured.cpuSec,
    peakRssMb: measured.peakRssMb,
    nodeRssMb: result.nodeMaxRssMb,
    detectorLoadSec: result.detectorLoadMs === null ? null : result.detectorLoadMs / 1000,
    samples: result.samples,
    error: null,
  };
}

/** ffmpeg's thumbnail filter, timed as the ffmpeg process itself. */
export function runThumbnail(video: string, totalFrames: number, count: number): PickerRun {
  const measured = measureProcess(`thumbnail ${video}`, resolveFfmpeg(), thumbnailArgs(video, totalFrames, count));
  return {
    picks: thumbnailPicks(measured.stderr, count),
    pickWallSec: measured.wallSec,
    procWallSec: measured.wallSec,
    cpuSec: measured.cpuSec,
    peakRssMb: measured.peakRssMb,
    nodeRssMb: null,
    detectorLoadSec: null,
    samples: null,
    error: null,
  };
}
