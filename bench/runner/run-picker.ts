/** Runs one picker on one video and returns its picks with what it cost. */
import { join } from "node:path";
import { resolveFfmpeg } from "../../worker/media/binaries";
import type { TimedPick } from "../pickers/naive";
import { thumbnailArgs, thumbnailPicks } from "../pickers/thumbnail";
import { parsePickOnceOutput, type ChildPickArgs, type OriginalArgs, type PickOnceArgs } from "./child-protocol";
import { measureProcess, type ProcessMeasurement } from "./measure";

const PICK_ONCE = join(import.meta.dirname, "..", "pick-once.ts");
const ORIGINAL_PY = join(import.meta.dirname, "..", "pickers", "original.py");

/** Where the original's Python + OpenCV are, from ensureSystemDeps(["opencv"]) in bench/run.ts. */
export interface OpenCvRuntime {
  python: string;
  cascade: string;
}

let openCv: OpenCvRuntime | null = null;

/** Called once by bench/run.ts when OpenCV was found; until then the original cannot run. */
export function setOpenCvRuntime(runtime: OpenCvRuntime): void {
  openCv = runtime;
}

export interface PickerRun {
  picks: TimedPick[];
  /** In-process pick time (original, baseline, v2), or the process wall (ffmpeg anchors); null = not timed. */
  pickWallSec: number | null;
  /** Whole process: wall, CPU of the tree, peak RSS of its largest process. */
  procWallSec: number | null;
  cpuSec: number | null;
  peakRssMb: number | null;
  /** Peak RSS of the picker's own process, Node or Python (ffmpeg children not included); null for ffmpeg anchors. */
  ownRssMb: number | null;
  detectorLoadSec: number | null;
  samples: number | null;
  /** Why the run failed (no picks then); the benchmark goes on with the other runs. */
  error: string | null;
}

export function untimedRun(picks: TimedPick[]): PickerRun {
  return { picks, pickWallSec: null, procWallSec: null, cpuSec: null, peakRssMb: null, ownRssMb: null, detectorLoadSec: null, samples: null, error: null };
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

/** The one place that decides how a child picker runs: the original in Python, the rest in Node. */
export function runChildPicker(args: ChildPickArgs): PickerRun {
  const { picker, ...pick } = args;
  return picker === "original" ? runOriginal(pick) : runNodePicker({ ...pick, picker });
}

/** baseline or v2-* in a fresh `node --import tsx bench/pick-once.ts` under GNU time. */
function runNodePicker(args: PickOnceArgs): PickerRun {
  const label = `${args.picker} ${args.mode} ${args.video}`;
  return childRun(measureProcess(label, process.execPath, ["--import", "tsx", PICK_ONCE, JSON.stringify(args)]));
}

/** The original algorithm in its own stack: `python original.py '<json>'` under GNU time. */
function runOriginal(pick: Omit<ChildPickArgs, "picker">): PickerRun {
  if (!openCv) throw new Error("original: no Python with OpenCV (bench/run.ts calls setOpenCvRuntime when it finds one)");
  const args: OriginalArgs = { ...pick, cascade: openCv.cascade };
  return childRun(measureProcess(`original ${pick.mode} ${pick.video}`, openCv.python, [ORIGINAL_PY, JSON.stringify(args)]));
}

function childRun(measured: ProcessMeasurement): PickerRun {
  const result = parsePickOnceOutput(measured.stdout);
  return {
    picks: result.picks,
    pickWallSec: result.pickMs / 1000,
    procWallSec: measured.wallSec,
    cpuSec: measured.cpuSec,
    peakRssMb: measured.peakRssMb,
    ownRssMb: result.processMaxRssMb,
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
    ownRssMb: null,
    detectorLoadSec: null,
    samples: null,
    error: null,
  };
}
