/**
 * Section 4: does memory stay flat as clips get longer? v2 balanced and best, profile mode (the
 * face model is loaded), on the 60 / 300 / 600 s clips; one run each (memory barely varies, and
 * the long clips dominate the run time). The 60 s figures come from the speed section when it ran.
 */
import type { PickQuality } from "~/core/pick-params";
import type { ClipSeconds } from "./inputs";
import { COUNT, MIN_INTERVAL_SEC } from "./settings";
import { runChildPicker, shortError } from "./run-picker";
import type { SpeedRow } from "./speed";
import { fmt, passFail, renderTable } from "./table";

export const MEMORY_PRESETS: readonly PickQuality[] = ["balanced", "best"];
const RSS_TARGET_MB = 300;

export interface MemoryRow {
  clipSec: ClipSeconds;
  picker: `v2-${PickQuality}`;
  /** The worker's own (Node) process; ffmpeg children not included. */
  ownRssMb: number;
  peakRssMb: number;
  wallSec: number;
}

export function runMemory(clips: ReadonlyArray<{ seconds: ClipSeconds; path: string }>, presets: readonly PickQuality[], speedRows: readonly SpeedRow[], log: (line: string) => void): MemoryRow[] {
  const rows: MemoryRow[] = [];
  for (const clip of clips) {
    for (const quality of presets) {
      const picker = `v2-${quality}` as const;
      const fromSpeed = clip.seconds === 60 ? speedRows.find((r) => r.picker === picker && r.mode === "profile") : undefined;
      if (fromSpeed && fromSpeed.ownRssMb !== null) {
        rows.push({ clipSec: clip.seconds, picker, ownRssMb: fromSpeed.ownRssMb, peakRssMb: fromSpeed.peakRssMb, wallSec: fromSpeed.wallSec });
        continue;
      }
      let run;
      try {
        run = runChildPicker({ picker, video: clip.path, mode: "profile", count: COUNT, minIntervalSec: MIN_INTERVAL_SEC });
      } catch (error) {
        log(`memory: ${picker} on ${clip.seconds} s FAILED, row left out: ${shortError(error)}`);
        continue;
      }
      rows.push({ clipSec: clip.seconds, picker, ownRssMb: run.ownRssMb!, peakRssMb: run.peakRssMb!, wallSec: run.pickWallSec! });
      log(`memory: ${picker} on ${clip.seconds} s: node ${fmt(run.ownRssMb, 0)} MB, largest ${fmt(run.peakRssMb, 0)} MB, ${fmt(run.pickWallSec)} s`);
    }
  }
  return rows;
}

export function renderMemory(rows: readonly MemoryRow[]): string {
  const table = renderTable(
    ["clip", "picker (profile)", "node peak RSS MB", "largest-process RSS MB", "pick wall s"],
    rows.map((r) => [`${r.clipSec} s`, r.picker, fmt(r.ownRssMb, 0), fmt(r.peakRssMb, 0), fmt(r.wallSec)]),
  );
  const longest = rows.filter((r) => r.clipSec === 600);
  const target =
    longest.length === 0
      ? `target: worker (Node) peak RSS ≤ ${RSS_TARGET_MB} MB on the 10-minute clip: n/a (600 s clip not run)`
      : longest.map((r) => `target: worker (Node) peak RSS ≤ ${RSS_TARGET_MB} MB on the 10-minute clip, ${r.picker}: ${fmt(r.ownRssMb, 0)} MB ${passFail(r.ownRssMb <= RSS_TARGET_MB)}`).join("\n");
  return `${table}\nnode = the worker's own process (process.resourceUsage().maxRSS); largest = GNU time's max over the process tree (Node or ffmpeg).\n\n${target}`;
}
