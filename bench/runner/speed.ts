/**
 * Section 3: speed on the 60 s 1080p30 clip with a 1 s GOP, next to what ffmpeg alone needs to
 * decode it (every frame, or keyframes only at 320 px gray as the issue words it). Each row is
 * the median of `repeats` runs, figure by figure. The issue's "5× faster than the original" is
 * checked against the original itself (bench/pickers/original.py, Python + OpenCV); the JS port
 * (baseline) is shown for reference only.
 */
import { PICK_MODES, type PickMode } from "~/core/pick-params";
import { resolveFfmpeg } from "../../worker/media/binaries";
import { probeVideo } from "../../worker/media/probe";
import { isChildPicker } from "./child-protocol";
import type { PickerName } from "./flags";
import { measureProcess, median } from "./measure";
import { COUNT, MIN_INTERVAL_SEC } from "./settings";
import { runChildPicker, runThumbnail, shortError, untimedRun, type PickerRun } from "./run-picker";
import { fmt, passFail, renderTable } from "./table";

export interface SpeedRow {
  name: string;
  picker: PickerName | "full-decode" | "keyframe-decode";
  mode: PickMode | null;
  /** In-process pick time for the original, baseline and v2; process wall for ffmpeg. */
  wallSec: number;
  procWallSec: number;
  cpuSec: number;
  peakRssMb: number;
  /** The picker's own process, Node or Python (ffmpeg children not included); null for ffmpeg. */
  ownRssMb: number | null;
  /** Face model load before the clock started (profile mode), not part of wallSec. */
  detectorLoadSec: number | null;
}

/** What the targets compare with: ffmpeg decoding every frame, or only the keyframes at 320 px gray. */
export const DECODE_ANCHORS = {
  full: (clip: string) => ["-nostdin", "-v", "error", "-threads", "2", "-i", clip, "-f", "null", "-"],
  keyframes: (clip: string) => ["-nostdin", "-v", "error", "-skip_frame", "nokey", "-threads", "2", "-i", clip, "-vf", "scale=320:-2,format=gray", "-f", "null", "-"],
};

interface SpeedJob {
  name: string;
  picker: SpeedRow["picker"];
  mode: PickMode | null;
  once: () => PickerRun;
}

export async function runSpeed(clip: string, pickers: readonly PickerName[], repeats: number, log: (line: string) => void): Promise<SpeedRow[]> {
  const ffmpeg = resolveFfmpeg();
  const probe = await probeVideo(clip);
  const ffmpegRun = (label: string, args: string[]) => () => {
    const m = measureProcess(label, ffmpeg, args);
    return { ...untimedRun([]), pickWallSec: m.wallSec, procWallSec: m.wallSec, cpuSec: m.cpuSec, peakRssMb: m.peakRssMb };
  };
  const jobs: SpeedJob[] = [
    { name: "ffmpeg full decode", picker: "full-decode", mode: null, once: ffmpegRun("full decode", DECODE_ANCHORS.full(clip)) },
    { name: "ffmpeg keyframe-only decode, 320 px gray", picker: "keyframe-decode", mode: null, once: ffmpegRun("keyframe decode", DECODE_ANCHORS.keyframes(clip)) },
  ];
  if (pickers.includes("thumbnail")) {
    jobs.push({ name: "ffmpeg thumbnail filter", picker: "thumbnail", mode: null, once: () => runThumbnail(clip, Math.round(probe.durationSec * probe.fps), COUNT) });
  }
  for (const picker of pickers.filter(isChildPicker)) {
    for (const mode of PICK_MODES) {
      jobs.push({ name: `${picker} ${mode}`, picker, mode, once: () => runChildPicker({ picker, video: clip, mode, count: COUNT, minIntervalSec: MIN_INTERVAL_SEC }) });
    }
  }

  // Round-robin rather than N runs in a row: a burst of load from elsewhere then hits one run of
  // each row instead of every run of one row, and the median drops it.
  const runs = new Map<SpeedJob, PickerRun[]>(jobs.map((job) => [job, []]));
  const failed = new Set<SpeedJob>();
  for (let round = 1; round <= repeats; round++) {
    for (const job of jobs) {
      if (failed.has(job)) continue;
      try {
        const run = job.once();
        runs.get(job)!.push(run);
        log(`speed ${round}/${repeats}: ${job.name}: ${fmt(run.pickWallSec)} s wall, ${fmt(run.cpuSec)} s CPU, ${fmt(run.peakRssMb, 0)} MB`);
      } catch (error) {
        failed.add(job);
        log(`speed: ${job.name} FAILED, row left out: ${shortError(error)}`);
      }
    }
  }
  return jobs.filter((job) => !failed.has(job)).map((job) => medianRow(job, runs.get(job)!));
}

function medianRow(job: SpeedJob, runs: readonly PickerRun[]): SpeedRow {
  const med = (get: (run: PickerRun) => number | null) => {
    const values = runs.map(get).filter((v): v is number => v !== null);
    return values.length > 0 ? median(values) : null;
  };
  return {
    name: job.name,
    picker: job.picker,
    mode: job.mode,
    wallSec: med((r) => r.pickWallSec)!,
    procWallSec: med((r) => r.procWallSec)!,
    cpuSec: med((r) => r.cpuSec)!,
    peakRssMb: med((r) => r.peakRssMb)!,
    ownRssMb: med((r) => r.ownRssMb),
    detectorLoadSec: med((r) => r.detectorLoadSec),
  };
}

/** Why a picker has no row: left out before the run (with the reason), not asked for, or failed. */
export interface SpeedContext {
  pickers: readonly PickerName[];
  leftOut: ReadonlyMap<PickerName, string>;
}

export function renderSpeed(clip: string, rows: readonly SpeedRow[], repeats: number, load: string, context: SpeedContext): string {
  const full = rows.find((r) => r.picker === "full-decode");
  const key = rows.find((r) => r.picker === "keyframe-decode");
  if (!full || !key) return "ffmpeg's own decode failed, so there is nothing to compare against (see the log above).";
  const table = renderTable(
    ["run", "wall s", "proc wall s", "CPU s", "peak RSS MB", "× full decode", "× keyframe decode", "model load s"],
    rows.map((r) => [r.name, fmt(r.wallSec), fmt(r.procWallSec), fmt(r.cpuSec), fmt(r.peakRssMb, 0), fmt(r.wallSec / full.wallSec), fmt(r.wallSec / key.wallSec), fmt(r.detectorLoadSec)]),
  );
  const notes = [
    `clip: ${clip}; median of ${repeats} run(s), taken round-robin; ${load}`,
    "wall = in-process pick time for original / baseline / v2 (face detector loaded before the clock; opening or probing the video included), process wall for ffmpeg;",
    "proc wall / CPU = the whole process tree (Node start-up, or Python start-up and the cv2 import for the original, and the detector load included);",
    "peak RSS = largest single process (the original decodes inside its Python process, the others in ffmpeg children);",
    "× columns compare wall s; model load = the face detector's load before the clock: profile mode, and v2 in action mode too (it checks its picks for blinks); OpenCV's Haar cascade for the original.",
  ];
  return [table, notes.join("\n"), renderSpeedTargets(rows, full, key, context)].join("\n\n");
}

function renderSpeedTargets(rows: readonly SpeedRow[], full: SpeedRow, key: SpeedRow, context: SpeedContext): string {
  const find = (picker: SpeedRow["picker"], mode: PickMode) => rows.find((r) => r.picker === picker && r.mode === mode);
  const missing = (picker: PickerName) => {
    const leftOut = context.leftOut.get(picker);
    if (leftOut) return `n/a (${picker} left out: ${leftOut})`;
    return context.pickers.includes(picker) ? `n/a (${picker} failed, see the log)` : `n/a (${picker} not run)`;
  };
  /** v2's wall against another picker's in the same mode, "N× faster", or why not. */
  const speedup = (picker: PickerName, than: PickerName, mode: PickMode) => {
    const row = find(picker, mode);
    const other = find(than, mode);
    if (!row) return missing(picker);
    if (!other) return missing(than);
    return other.wallSec / row.wallSec;
  };
  const results: Array<{ label: string; mode: PickMode; result: string }> = [];
  const check = (label: string, ratio: (mode: PickMode) => number | string, ok: (x: number) => boolean, unit: string) => {
    for (const mode of PICK_MODES) {
      const x = ratio(mode);
      results.push({ label, mode, result: typeof x === "string" ? x : `${fmt(x)}${unit} ${passFail(ok(x))}` });
    }
  };
  const against = (picker: PickerName, base: SpeedRow) => (mode: PickMode) => {
    const row = find(picker, mode);
    return row ? row.wallSec / base.wallSec : missing(picker);
  };
  check("v2-fast ≤ 1.5× keyframe-only decode", against("v2-fast", key), (x) => x <= 1.5, "×");
  check("v2-balanced ≤ 0.5× full decode", against("v2-balanced", full), (x) => x <= 0.5, "×");
  check("v2-best ≤ 1.2× full decode", against("v2-best", full), (x) => x <= 1.2, "×");
  check("v2-balanced ≥ 5× faster than the original (Python + OpenCV)", (mode) => speedup("v2-balanced", "original", mode), (x) => x >= 5, "× faster");
  const width = Math.max(...results.map((r) => r.label.length));
  const lines = ["targets:", ...results.map((r) => `  ${r.label.padEnd(width)}  ${r.mode.padEnd(8)} ${r.result}`)];

  const reference = PICK_MODES.map((mode) => {
    const x = speedup("v2-balanced", "baseline", mode);
    return `${mode} ${typeof x === "string" ? x : `${fmt(x)}× faster`}`;
  });
  lines.push("", `for reference, not a target: v2-balanced vs baseline (the original's scoring ported into v2's ffmpeg pipeline): ${reference.join(" · ")}`);
  return lines.join("\n");
}
