/**
 * Section 7: the wait a user sees, click on "Find best frames" → first frame shown, in Chromium
 * against the app started as `npm run dev` starts it (bench/ui/ui-wait.spec.ts), on section 6's
 * 1080p clip with a 1 s GOP, against that clip's full decode timed in the same run.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveFfmpeg } from "~/worker/media/binaries";
import { ensureJobClips, type ClipShape } from "../clips";
import { clipLabel } from "./job-path";
import { measureProcess, median } from "./measure";
import { DECODE_ANCHORS } from "./speed";
import { fmt, passFail, renderTable } from "./table";
import { UI_WAIT_ENV, UI_WAIT_SETTINGS, type UiWaitRun } from "./ui-wait-protocol";

const UI_WAIT_CLIP: ClipShape = { height: 1080, gopFrames: 30 };
const RUNS = 3;
/** The target: the UI's wait at most this many full decodes of the clip. */
const UI_WAIT_TARGET = 0.6;
const CONFIG = join(import.meta.dirname, "..", "ui", "playwright.config.ts");

export interface UiWaitResult {
  clip: ClipShape;
  fullSec: number;
  runs: UiWaitRun[];
  error: string | null;
}

export async function runUiWait(log: (line: string) => void): Promise<UiWaitResult> {
  const [clip] = await ensureJobClips(log, [UI_WAIT_CLIP]);
  const full = measureProcess(`full decode ${clipLabel(UI_WAIT_CLIP)}`, resolveFfmpeg(), DECODE_ANCHORS.full(clip!.path));
  log(`ui wait: ${clipLabel(UI_WAIT_CLIP)}: full decode ${fmt(full.wallSec)} s; starting the app and Chromium`);
  const dir = await mkdtemp(join(tmpdir(), "bench-ui-wait-"));
  const out = join(dir, "runs.json");
  try {
    const env = { ...process.env, [UI_WAIT_ENV.clip]: clip!.path, [UI_WAIT_ENV.out]: out, [UI_WAIT_ENV.runs]: String(RUNS) };
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn("npx", ["playwright", "test", "--config", CONFIG], { env, stdio: ["ignore", "pipe", "pipe"] });
      // The report goes to stdout: Playwright's lines are progress, on stderr like every log line.
      child.stdout.on("data", (chunk: Buffer) => process.stderr.write(chunk));
      child.stderr.on("data", (chunk: Buffer) => process.stderr.write(chunk));
      child.on("error", reject);
      child.on("close", resolve);
    });
    if (exitCode !== 0) return { clip: UI_WAIT_CLIP, fullSec: full.wallSec, runs: [], error: `Playwright exited with ${exitCode} (its output is above)` };
    const runs = JSON.parse(await readFile(out, "utf8")) as UiWaitRun[];
    return { clip: UI_WAIT_CLIP, fullSec: full.wallSec, runs, error: null };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function renderUiWait({ clip, fullSec, runs, error }: UiWaitResult): string {
  if (error) return `UI wait FAILED: ${error}`;
  const table = renderTable(
    ["run", "click → first frame s", "× full decode", "create s", "queue s", "job s", "noticing done s", "frames request s", "first thumbnail s"],
    runs.map((r) => [
      String(r.run),
      fmt(r.uiSec),
      fmt(r.uiSec / fullSec),
      fmt(r.createSec),
      fmt(r.queueSec),
      fmt(r.jobSec),
      fmt(r.noticeSec),
      fmt(r.doneToFramesSec),
      fmt(r.framesToShownSec),
    ]),
  );
  const typical = median(runs.map((r) => r.uiSec));
  return [
    `clip: ${clipLabel(clip)}, 60 s, 30 fps (section 6's); its full decode ${fmt(fullSec)} s`,
    "",
    table,
    "",
    `Chromium, the web server (a production build under \`next start\`), the worker, local S3/SQS and PostgreSQL on this machine; a Pro account (full-size frames);`,
    `${UI_WAIT_SETTINGS.mode}, ${UI_WAIT_SETTINGS.quality}, ${UI_WAIT_SETTINGS.count} frames ≥ ${UI_WAIT_SETTINGS.intervalSec} s apart; each run a fresh upload; times kept by the page (performance.now());`,
    "create = click → the job.create answer; queue = → the worker claiming it; job = claim → done (the results page's \"found in\"); noticing done = the job done → the status answer saying so;",
    "frames request = that answer → the frames listed (0: it brought them along); first thumbnail = frames listed → the first thumbnail loaded. The parts overlap a little (the page navigates while the job is queued).",
    "All of it shares the 2 cores: the worker's job here is slower than section 6's, where it runs alone.",
    "",
    "target:",
    `  ${"1080p balanced, click → first frame ≤ 0.6× full decode (median of the runs)".padEnd(83)} ${fmt(typical / fullSec)}× ${passFail(typical / fullSec <= UI_WAIT_TARGET)}`,
  ].join("\n");
}
