/**
 * Section 3: speed on the 60 s 1080p30 clip with a 1 s GOP, next to what ffmpeg alone needs to
 * decode it (every frame, or keyframes only at 320 px gray as the issue words it). Each row is
 * the median of `repeats` runs, figure by figure.
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
  /** In-process pick time for Node pickers, process wall for ffmpeg. */
  wallSec: number;
  procWallSec: number;
  cpuSec: number;
  peakRssMb: number;
  nodeRssMb: number | null;
  /** Face model load before the clock started (profile mode), not part of wallSec. */
  detectorLoadSec: number | null;
}

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
    { name: "ffmpeg full decode", picker: "full-decode", mode: null, once: ffmpegRun("full decode", ["-nostdin", "-v", "error", "-threads", "2", "-i", clip, "-f", "null", "-"]) },
    {
      name: "ffmpeg keyframe-only decode, 320 px gray",
      picker: "keyframe-decode",
      mode: null,
      once: ffmpegRun("keyframe decode", ["-nostdin", "-v", "error", "-skip_frame", "nokey", "-threads", "2", "-i", clip, "-vf", "scale=320:-2,format=gray", "-f", "null", "-"]),
    },
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
    nodeRssMb: med((r) => r.nodeRssMb),
    detectorLoadSec: med((r) => r.detectorLoadSec),
  };
}

export function renderSpeed(clip: string, rows: readonly SpeedRow[], repeats: number, load: string): string {
  const full = rows.find((r) => r.picker === "full-decode");
  const key = rows.find((r) => r.picker === "keyframe-decode");
  if (!full || !key) return "ffmpeg's own decode failed, so there is nothing to compare against (see the log above).";
  const table = renderTable(
    ["run", "wall s", "proc wall s", "CPU s", "peak RSS MB", "× full decode", "× keyframe decode", "model load s"],
    rows.map((r) => [r.name, fmt(r.wallSec), fmt(r.procWallSec), fmt(r.cpuSec), fmt(r.peakRssMb, 0), fmt(r.wallSec / full.wallSec), fmt(r.wallSec / key.wallSec), fmt(r.detectorLoadSec)]),
  );
  const notes = [
    `clip: ${clip}; median of ${repeats} run(s), taken round-robin; ${load}`,
    "wall = in-process pick time for baseline / v2 (detector loaded before the clock; probe included), process wall for ffmpeg;",
    "proc wall / CPU = the whole process tree (Node start-up and face model load included); peak RSS = largest single process;",
    "× columns compare wall s; model load = the face detector's load in profile mode, before the clock.",
  ];
  return [table, notes.join("\n"), renderSpeedTargets(rows, full, key)].join("\n\n");
}

function renderSpeedTargets(rows: readonly SpeedRow[], full: SpeedRow, key: SpeedRow): string {
  const lines = ["targets:"];
  const find = (picker: SpeedRow["picker"], mode: PickMode) => rows.find((r) => r.picker === picker && r.mode === mode);
  const check = (label: string, picker: SpeedRow["picker"], ratio: (row: SpeedRow, mode: PickMode) => number | null, ok: (x: number) => boolean, unit: string) => {
    for (const mode of PICK_MODES) {
      const row = find(picker, mode);
      const x = row ? ratio(row, mode) : null;
      lines.push(`  ${label.padEnd(44)} ${mode.padEnd(8)} ${x === null ? "n/a (not run)" : `${fmt(x)}${unit} ${passFail(ok(x))}`}`);
    }
  };
  check("v2-fast ≤ 1.5× keyframe-only decode", "v2-fast", (r) => r.wallSec / key.wallSec, (x) => x <= 1.5, "×");
  check("v2-balanced ≤ 0.5× full decode", "v2-balanced", (r) => r.wallSec / full.wallSec, (x) => x <= 0.5, "×");
  check("v2-best ≤ 1.2× full decode", "v2-best", (r) => r.wallSec / full.wallSec, (x) => x <= 1.2, "×");
  check("v2-balanced ≥ 5× faster than baseline", "v2-balanced", (r, mode) => {
    const baseline = find("baseline", mode);
    return baseline ? baseline.wallSec / r.wallSec : null;
  }, (x) => x >= 5, "× faster");
  return lines.join("\n");
}
