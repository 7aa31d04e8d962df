/** Sections 1 and 2, the judging: picks against the labels, with bench/ground-truth.ts as is. */
import { PICK_MODES, type PickMode } from "~/core/pick-params";
import { hasGoodSingleFace, hitsGoodFace, nearDuplicatePairs, precisionAt } from "../ground-truth";
import { isChildPicker } from "./child-protocol";
import type { PickerName } from "./flags";
import type { BenchVideo } from "./inputs";
import type { QualityRun } from "./quality";
import type { PickerRun } from "./run-picker";
import { COUNT, MIN_INTERVAL_SEC } from "./settings";
import { fmt, passFail, renderTable } from "./table";

export interface QualitySummary {
  picker: PickerName;
  mode: PickMode;
  precision: number;
  faceHits: number | null;
  faceVideos: number | null;
  duplicatePairs: number;
  underFilled: number;
  /** Runs that crashed (counted as no picks above). */
  failed: number;
  meanPickWallSec: number | null;
}

export function summarise(videos: readonly BenchVideo[], runs: readonly QualityRun[], pickers: readonly PickerName[]): QualitySummary[] {
  const byName = new Map(videos.map((v) => [v.name, v]));
  return PICK_MODES.flatMap((mode) =>
    pickers.map((picker) => {
      const mine = runs.filter((r) => r.picker === picker && r.mode === mode);
      const judged = mine.map((r) => ({ truth: byName.get(r.video)!.truth, picks: r.run.picks, wall: r.run.pickWallSec, failed: r.run.error !== null }));
      const withFace = judged.filter((j) => hasGoodSingleFace(j.truth));
      const walls = judged.map((j) => j.wall).filter((w): w is number => w !== null);
      return {
        picker,
        mode,
        precision: mean(judged.map((j) => precisionAt(j.truth, j.picks, COUNT, mode))),
        faceHits: mode === "profile" ? withFace.filter((j) => hitsGoodFace(j.truth, j.picks)).length : null,
        faceVideos: mode === "profile" ? withFace.length : null,
        duplicatePairs: judged.reduce((sum, j) => sum + nearDuplicatePairs(j.truth, j.picks), 0),
        underFilled: judged.filter((j) => !j.failed && j.picks.length < COUNT).length,
        failed: judged.filter((j) => j.failed).length,
        meanPickWallSec: walls.length > 0 ? mean(walls) : null,
      };
    }),
  );
}

export function renderQuality(summaries: readonly QualitySummary[], videoCount: number): string {
  const anyFailed = summaries.some((s) => s.failed > 0);
  const blocks = PICK_MODES.map((mode) => {
    const rows = summaries
      .filter((s) => s.mode === mode)
      .map((s) => [
        s.picker,
        fmt(s.precision),
        s.faceHits === null ? "-" : `${s.faceHits}/${s.faceVideos}`,
        String(s.duplicatePairs),
        String(s.underFilled),
        fmt(s.meanPickWallSec),
        ...(anyFailed ? [String(s.failed)] : []),
      ]);
    const headers = ["picker", "precision@5", "face hits", "dup pairs", "under-filled", "pick wall s", ...(anyFailed ? ["FAILED runs"] : [])];
    return `${mode} mode (${videoCount} videos, ${COUNT} picks, ≥ ${MIN_INTERVAL_SEC} s apart)\n${renderTable(headers, rows)}`;
  });
  return [...blocks, renderQualityTargets(summaries)].join("\n\n");
}

/** The quality targets, checked for each v2 preset. */
function renderQualityTargets(summaries: readonly QualitySummary[]): string {
  const lines = ["targets: precision@5 ≥ 0.95 in both modes, a face hit in every video with a good single face, 0 near-duplicate pairs"];
  const presets = [...new Set(summaries.map((s) => s.picker))].filter((p) => p.startsWith("v2-"));
  for (const picker of presets) {
    const profile = summaries.find((s) => s.picker === picker && s.mode === "profile")!;
    const action = summaries.find((s) => s.picker === picker && s.mode === "action")!;
    const dups = profile.duplicatePairs + action.duplicatePairs;
    const faceOk = profile.faceHits === profile.faceVideos;
    lines.push(
      `  ${picker.padEnd(12)} precision profile ${fmt(profile.precision)} ${passFail(profile.precision >= 0.95)} · action ${fmt(action.precision)} ${passFail(action.precision >= 0.95)}` +
        ` · face ${profile.faceHits}/${profile.faceVideos} ${passFail(faceOk)} · dup pairs ${dups} ${passFail(dups === 0)}`,
    );
  }
  return lines.join("\n");
}

/** Section 2: per video, for the pickers with a process of their own (original, baseline, v2 presets), "profile/action" in each cell. */
export function renderPerVideo(videos: readonly BenchVideo[], runs: readonly QualityRun[], pickers: readonly PickerName[]): string {
  const shown = pickers.filter(isChildPicker);
  const rows: string[][] = [];
  for (const video of videos) {
    for (const picker of shown) {
      const pair = PICK_MODES.map((mode) => runs.find((r) => r.video === video.name && r.picker === picker && r.mode === mode)?.run);
      const both = (value: (run: PickerRun, mode: PickMode) => string) => pair.map((run, i) => (run ? value(run, PICK_MODES[i]!) : "-")).join(" / ");
      rows.push([
        video.name,
        String(video.truth.gopFrames),
        picker,
        both((run, mode) => fmt(precisionAt(video.truth, run.picks, COUNT, mode))),
        both((run) => fmt(run.pickWallSec)),
        both((run) => fmt(run.cpuSec)),
        both((run) => fmt(run.peakRssMb, 0)),
      ]);
    }
  }
  const note = "cells are profile / action; wall = in-process pick time; CPU = whole process tree (Node or Python start-up included); RSS = largest process (GNU time)";
  return `${renderTable(["video", "GOP", "picker", "precision@5", "pick wall s", "CPU s", "peak RSS MB"], rows)}\n${note}`;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
