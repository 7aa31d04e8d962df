/**
 * How the worker pipeline compares with ffmpeg simply decoding the same video.
 *
 *   npx tsx bench/worker-vs-decode.ts
 *
 * Generates (once, cached in bench/out/) a 60 s 1080p30 H.264 clip with a 1 s GOP (testsrc2 +
 * temporal noise, so the decoder has real work), then measures wall time, CPU time and peak RSS of:
 * ffmpeg's full decode, ffmpeg's decode of the analysis stream the sampler asks for, and the CLI
 * (probe + sample + score + select + render 3 frames) at each quality. Prints; asserts nothing.
 * Needs /usr/bin/time (Debian: apt-get install -y time) for CPU and memory figures.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveFfmpeg } from "../worker/media/binaries";
import { pickFrames } from "../worker/picker/pick";
import { QUALITY_PRESETS, analysisSize, samplingRate } from "../worker/picker/presets";

const ROOT = resolve(import.meta.dirname, "..");
const OUT = join(ROOT, "bench", "out");
const CLIP = join(OUT, "testsrc2-noise-60s-1080p30-gop30.mp4");
const SHORT_CLIP = join(OUT, "testsrc2-noise-15s-1080p30-gop30.mp4");
const TIME = "/usr/bin/time";
const ffmpeg = resolveFfmpeg();

interface Measurement {
  name: string;
  wallSec: number;
  cpuSec: number | null;
  peakRssMb: number | null;
}

function ensureClips(): void {
  mkdirSync(OUT, { recursive: true });
  if (!existsSync(CLIP)) {
    console.error("Generating the 60 s 1080p30 clip (once; cached in bench/out/) …");
    execFileSync(ffmpeg, [
      "-nostdin", "-v", "error", "-y",
      "-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=60,noise=alls=12:allf=t+u",
      "-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-pix_fmt", "yuv420p", CLIP,
    ], { stdio: "inherit" });
  }
  if (!existsSync(SHORT_CLIP)) {
    execFileSync(ffmpeg, ["-nostdin", "-v", "error", "-y", "-i", CLIP, "-t", "15", "-c", "copy", SHORT_CLIP]);
  }
}

function measure(name: string, command: string, args: string[]): Measurement {
  const hasTime = existsSync(TIME);
  const report = join(OUT, "time.txt");
  const started = process.hrtime.bigint();
  const result = hasTime
    ? spawnSync(TIME, ["-f", "%e %U %S %M", "-o", report, command, ...args], { cwd: OUT, stdio: ["ignore", "ignore", "pipe"] })
    : spawnSync(command, args, { cwd: OUT, stdio: ["ignore", "ignore", "pipe"] });
  const wallSec = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${name} failed (${result.status}): ${result.stderr?.toString().slice(-500)}`);
  if (!hasTime) return { name, wallSec, cpuSec: null, peakRssMb: null };
  const [elapsed, user, sys, maxRssKb] = readFileSync(report, "utf8").trim().split(/\s+/).slice(-4).map(Number);
  return { name, wallSec: elapsed ?? wallSec, cpuSec: (user ?? 0) + (sys ?? 0), peakRssMb: (maxRssKb ?? 0) / 1024 };
}

function analysisDecodeArgs(clip: string): string[] {
  // The same decode + select + scale the sampler runs for "balanced", into the null muxer.
  const preset = QUALITY_PRESETS.balanced;
  const rate = samplingRate(preset, 60).toFixed(6);
  const { width, height } = analysisSize(1920, 1080, preset.analysisLongSide);
  return [
    "-nostdin", "-v", "error", "-threads", "2", "-i", clip, "-map", "0:V:0",
    "-vf", `select='isnan(prev_selected_t)+gte(floor(t*${rate}),floor(prev_selected_t*${rate})+1)',scale=${width}:${height}:flags=area,format=gray`,
    "-fps_mode", "passthrough", "-f", "null", "-",
  ];
}

function cliArgs(clip: string, extra: string[]): string[] {
  const out = join(OUT, "frames");
  rmSync(out, { recursive: true, force: true });
  return [join(ROOT, "bin", "frame-picker.mjs"), clip, "--count", "3", "--out", out, "--json", ...extra];
}

/** pickFrames alone in a fresh process (no CLI, no rendering): the part that should track decode speed. */
function pickOnlyArgs(clip: string): string[] {
  return ["--import", "tsx", fileURLToPath(import.meta.url), "--pick-only", clip];
}

async function pickOnly(clip: string): Promise<void> {
  await pickFrames(clip, { mode: "profile", quality: "balanced", count: 3, minIntervalSec: 2 });
}

function main(): void {
  ensureClips();
  if (!existsSync(TIME)) console.error(`${TIME} not found: printing wall time only (apt-get install -y time).`);
  const node = process.execPath;
  const rows: Measurement[] = [
    measure("ffmpeg full decode (-threads 2, -f null)", ffmpeg, ["-nostdin", "-v", "error", "-threads", "2", "-i", CLIP, "-f", "null", "-"]),
    measure("ffmpeg analysis-stream decode (balanced)", ffmpeg, analysisDecodeArgs(CLIP)),
    measure("pickFrames only, profile balanced, no faces", node, pickOnlyArgs(CLIP)),
    measure("CLI profile fast (+faces)", node, cliArgs(CLIP, ["--quality", "fast"])),
    measure("CLI profile balanced (+faces)", node, cliArgs(CLIP, ["--quality", "balanced"])),
    measure("CLI profile best (+faces)", node, cliArgs(CLIP, ["--quality", "best"])),
    measure("CLI profile balanced, no faces", node, cliArgs(CLIP, ["--quality", "balanced", "--no-faces"])),
    measure("CLI action balanced", node, cliArgs(CLIP, ["--quality", "balanced", "--mode", "action"])),
    measure("CLI profile balanced, 15 s cut (memory vs length)", node, cliArgs(SHORT_CLIP, ["--quality", "balanced"])),
  ];

  const base = rows[0]!;
  const pad = (text: string, width: number) => text.padEnd(width);
  const num = (value: number | null, digits = 2) => (value === null ? "n/a" : value.toFixed(digits));
  console.log(`\nclip: ${CLIP} (60 s, 1920×1080, 30 fps, H.264, GOP 30)`);
  console.log(`${pad("run", 52)} ${pad("wall s", 8)} ${pad("CPU s", 8)} ${pad("peak RSS MB", 12)} ${pad("wall ×decode", 13)} CPU ×decode`);
  for (const row of rows) {
    const cpuRatio = row.cpuSec !== null && base.cpuSec ? num(row.cpuSec / base.cpuSec) : "n/a";
    console.log(
      `${pad(row.name, 52)} ${pad(num(row.wallSec), 8)} ${pad(num(row.cpuSec), 8)} ${pad(num(row.peakRssMb, 0), 12)} ${pad(num(row.wallSec / base.wallSec), 13)} ${cpuRatio}`,
    );
  }
  console.log("\nCPU = user + system of the whole process tree; peak RSS = the largest single process in it (GNU time).");
}

if (process.argv[2] === "--pick-only") await pickOnly(process.argv[3]!);
else main();
