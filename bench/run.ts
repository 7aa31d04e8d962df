/**
 * The picker benchmark: quality against labelled videos, speed against ffmpeg's own decode,
 * memory against clip length, for our picker (v2 presets), the original algorithm itself
 * (original: Python + OpenCV, bench/pickers/original.py), the original's scoring and selection
 * ported into our ffmpeg pipeline (baseline: the quality yardstick that needs no Python) and naive
 * anchors. Prints tables; writes bench/out/results.md and results.json. Asserts nothing.
 *
 * The original needs Python 3 with OpenCV: found (or, as root on Debian, installed) at the start;
 * without it the original is left out, the report says why, and the rest still runs.
 *
 *   npm run bench                      full run
 *   npm run bench -- --quick           2 videos, 1 repeat, no 300/600 s clips
 *   npm run bench -- --only v2-balanced,original --sections speed --repeats 5
 *   npm run bench -- --sections real --only v2-balanced --sources generator-2   section 5 on generator 2's clips only
 *   npm run bench -- --sections job --only v2-balanced                          section 6: the whole job, per stage
 *   npm run bench -- --sections ui                                               section 7: click → first frame in Chromium
 */
import { PICK_QUALITIES } from "~/core/pick-params";
import { describeError } from "../scripts/local/log";
import { ensureSystemDeps } from "../scripts/local/system-deps";
import { ALL_PICKERS, parseFlagsOrExit, type PickerName } from "./runner/flags";
import { benchVideos, lengthClips, type ClipSeconds } from "./runner/inputs";
import { currentLoad, describeMachine, machineInfo } from "./runner/machine";
import { assertGnuTime } from "./runner/measure";
import { MEMORY_PRESETS, renderMemory, runMemory } from "./runner/memory";
import { renderPerVideo, renderQuality, summarise } from "./runner/judge";
import { runQuality } from "./runner/quality";
import { Report } from "./runner/report";
import { setOpenCvRuntime } from "./runner/run-picker";
import { renderJobPath, runJobPath } from "./runner/job-path";
import { renderSpeed, runSpeed, type SpeedRow } from "./runner/speed";
import { renderUiWait, runUiWait } from "./runner/ui-wait";
import { renderRealFootage, runRealFootage } from "./real/run-real";

const started = performance.now();
const flags = parseFlagsOrExit(process.argv.slice(2));
assertGnuTime();
const log = (line: string) => console.error(`  · ${line}`);

/** Pickers dropped before the run, with a short reason for the tables. */
const leftOut = new Map<PickerName, string>();
const leftOutLines: string[] = [];
if (flags.pickers.includes("original")) {
  try {
    const found = await ensureSystemDeps(["opencv"]);
    setOpenCvRuntime({ python: found.opencvPython!, cascade: found.haarCascade! });
  } catch (error) {
    const detail = describeError(error).replace(/\s*\n\s*(- )?/g, " ");
    leftOut.set("original", "Python 3 with OpenCV not available");
    leftOutLines.push(`original (Python + OpenCV) left out of this run: ${detail}`);
    flags.pickers = flags.pickers.filter((p) => p !== "original");
    log(leftOutLines.at(-1)!);
  }
}

const report = new Report(
  [`${describeMachine(machineInfo())}`, `flags: ${process.argv.slice(2).join(" ") || "(none)"} · pickers: ${flags.pickers.join(",")}`, ...leftOutLines].join("\n"),
);
report.set("flags", flags);
report.set("leftOut", Object.fromEntries(leftOut));

if (flags.sections.includes("quality")) {
  const videos = await benchVideos(flags.videos, log);
  const runs = runQuality(videos, flags.pickers, log);
  const summaries = summarise(videos, runs, flags.pickers);
  report.section("1. Quality per mode", renderQuality(summaries, videos.length), { summaries, runs });
  report.section("2. Per video", renderPerVideo(videos, runs, flags.pickers), videos.map((v) => ({ name: v.name, gopFrames: v.truth.gopFrames, durationSec: v.truth.durationSec })));
}

let speedRows: SpeedRow[] = [];
if (flags.sections.includes("speed")) {
  const [clip] = await lengthClips([60], log);
  const load = currentLoad();
  speedRows = await runSpeed(clip!.path, flags.pickers, flags.repeats, log);
  report.section("3. Speed, 60 s 1080p30 clip, 1 s GOP", renderSpeed(clip!.path, speedRows, flags.repeats, load, { pickers: flags.pickers, leftOut }), speedRows);
}

const memoryPresets = MEMORY_PRESETS.filter((q) => flags.pickers.includes(`v2-${q}`));
if (flags.sections.includes("memory") && memoryPresets.length > 0) {
  const lengths: ClipSeconds[] = flags.longClips ? [60, 300, 600] : [60];
  const clips = await lengthClips(lengths, log);
  const rows = runMemory(clips, memoryPresets, speedRows, log);
  report.section("4. Memory by clip length", renderMemory(rows), rows);
}

const v2Qualities = PICK_QUALITIES.filter((q) => flags.pickers.includes(`v2-${q}`));
if (flags.sections.includes("real") && v2Qualities.length > 0) {
  const real = await runRealFootage(v2Qualities, log, flags.sources);
  report.section("5. Real footage, held-out test half first", renderRealFootage(real), real);
}

if (flags.sections.includes("job") && v2Qualities.length > 0) {
  const jobPath = await runJobPath(v2Qualities, log);
  report.section("6. The whole job, 60 s clips, per stage", renderJobPath(jobPath), jobPath);
}

if (flags.sections.includes("ui")) {
  const uiWait = await runUiWait(log);
  report.section("7. The wait a user sees, click → first frame", renderUiWait(uiWait), uiWait);
}

const minutes = (performance.now() - started) / 60_000;
report.set("runMinutes", minutes);
const leftOutNote = flags.pickers.length < ALL_PICKERS.length ? ` (some pickers left out${[...leftOut].map(([picker, why]) => `; ${picker}: ${why}`).join("")})` : "";
report.footer(`benchmark took ${minutes.toFixed(1)} min · results in bench/out/results.md and results.json${leftOutNote}`);
