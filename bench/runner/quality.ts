/** Sections 1 and 2, the runs: every picker on every labelled video (judging is in judge.ts). */
import { PICK_MODES, type PickMode } from "~/core/pick-params";
import { randomPicks, uniformPicks } from "../pickers/naive";
import type { PickerName } from "./flags";
import type { BenchVideo } from "./inputs";
import { failedRun, runChildPicker, runThumbnail, untimedRun, type PickerRun } from "./run-picker";
import { COUNT, MIN_INTERVAL_SEC } from "./settings";
import { fmt } from "./table";

export interface QualityRun {
  video: string;
  picker: PickerName;
  mode: PickMode;
  run: PickerRun;
}

/** Pickers that ignore the mode run once per video and count for both modes. */
const MODE_BLIND: readonly PickerName[] = ["thumbnail", "uniform", "random"];

export function runQuality(videos: readonly BenchVideo[], pickers: readonly PickerName[], log: (line: string) => void): QualityRun[] {
  const runs: QualityRun[] = [];
  videos.forEach((video, index) => {
    for (const picker of pickers) {
      const modes = MODE_BLIND.includes(picker) ? [null] : PICK_MODES;
      for (const mode of modes) {
        let run: PickerRun;
        try {
          run = runOne(video, picker, mode ?? "profile");
        } catch (error) {
          run = failedRun(error);
        }
        for (const m of mode === null ? PICK_MODES : [mode]) runs.push({ video: video.name, picker, mode: m, run });
        const outcome = run.error ? `FAILED: ${run.error}` : `${run.picks.map((p) => p.timestampSec.toFixed(1)).join(" ")}${run.pickWallSec === null ? "" : ` (${fmt(run.pickWallSec)} s)`}`;
        log(`[${index + 1}/${videos.length}] ${video.name} ${picker}${mode ? ` ${mode}` : ""}: ${outcome}`);
      }
    }
  });
  return runs;
}

function runOne(video: BenchVideo, picker: PickerName, mode: PickMode): PickerRun {
  const { truth } = video;
  switch (picker) {
    case "uniform":
      return untimedRun(uniformPicks(truth.durationSec, COUNT));
    case "random":
      return untimedRun(randomPicks(truth.durationSec, COUNT, MIN_INTERVAL_SEC, video.name));
    case "thumbnail":
      return runThumbnail(video.videoPath, Math.round(truth.durationSec * truth.fps), COUNT);
    default:
      return runChildPicker({ picker, video: video.videoPath, mode, count: COUNT, minIntervalSec: MIN_INTERVAL_SEC });
  }
}
