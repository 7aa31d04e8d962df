import { mkdir, stat, writeFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEFAULT_PICK_PARAMS, PICK_MODES, PICK_QUALITIES, pickParamsSchema, type PickParams } from "~/core/pick-params";
import { pickReasons } from "~/core/pick-reasons";
import { shortfallMessage } from "~/core/shortfall";
import { frameDownloadName } from "~/core/storage-keys";
import { formatDuration } from "~/core/tiers";
import { MediaError } from "./media/errors";
import { renderFrame } from "./media/render";
import { pickFrames } from "./picker/pick";
import type { FaceDetector, PickStage } from "./picker/types";

const USAGE = `Usage: frame-picker <video> [options]

Finds the best still frames in a video and writes them as JPEG files.

Options:
  --mode profile|action        what to look for (default ${DEFAULT_PICK_PARAMS.mode})
  --quality fast|balanced|best how deeply to look (default ${DEFAULT_PICK_PARAMS.quality})
  --count N                    how many frames, 1-10 (default ${DEFAULT_PICK_PARAMS.count})
  --interval S                 minimum seconds between frames, 0.5-10 (default ${DEFAULT_PICK_PARAMS.minIntervalSec})
  --out DIR                    where to write the frames (default ./frames)
  --json                       print a JSON array of the frames on stdout, nothing else
  --no-faces                   no face detection: profile mode without faces, no blink check
  -h, --help                   show this help

Exit codes: 0 done, 1 the video could not be processed, 2 bad arguments.`;

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

class UsageError extends Error {}

export interface CliFrame {
  rank: number;
  timestampSec: number;
  score: number;
  metrics: Record<string, number>;
  path: string;
  width: number;
  height: number;
}

/** Runs the CLI and returns its exit code (the bin sets it; tests call this directly too). */
export async function runCli(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr }, signal?: AbortSignal): Promise<number> {
  let args: ReturnType<typeof parseCliArgs>;
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    await assertReadableFile(args.video);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`frame-picker: ${error.message}\n\nRun frame-picker --help for usage.\n`);
    return 2;
  }

  try {
    const frames = await run(args, io, signal);
    io.stdout.write(args.json ? `${JSON.stringify(frames, null, 2)}\n` : "");
    return 0;
  } catch (error) {
    if (signal?.aborted) {
      io.stderr.write("frame-picker: cancelled\n");
      return 130;
    }
    const message = error instanceof MediaError ? error.userMessage : error instanceof Error ? error.message : String(error);
    io.stderr.write(`frame-picker: ${message}\n`);
    if (error instanceof MediaError && error.detail) io.stderr.write(`  (${error.detail.split("\n").slice(-3).join(" | ")})\n`);
    return 1;
  }
}

function parseCliArgs(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        mode: { type: "string" },
        quality: { type: "string" },
        count: { type: "string" },
        interval: { type: "string" },
        out: { type: "string" },
        json: { type: "boolean", default: false },
        "no-faces": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true as const, video: "", params: DEFAULT_PICK_PARAMS, out: "", json: false, faces: false };
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "give the video file to read." : `give one video file, not ${positionals.length}.`);

  const number = (text: string | undefined, fallback: number) => (text === undefined ? fallback : text.trim() === "" ? Number.NaN : Number(text));
  const candidate = {
    mode: values.mode ?? DEFAULT_PICK_PARAMS.mode,
    quality: values.quality ?? DEFAULT_PICK_PARAMS.quality,
    count: number(values.count, DEFAULT_PICK_PARAMS.count),
    minIntervalSec: number(values.interval, DEFAULT_PICK_PARAMS.minIntervalSec),
  };
  const checked = pickParamsSchema.safeParse(candidate);
  if (!checked.success) {
    const { fieldErrors } = z.flattenError(checked.error);
    const flag: Record<string, string> = { mode: "--mode", quality: "--quality", count: "--count", minIntervalSec: "--interval" };
    const lines = Object.entries(fieldErrors).map(([field, errors]) => `${flag[field] ?? field}: ${(errors ?? []).join("; ")}`);
    throw new UsageError(lines.join("\n  ") || `invalid options (modes: ${PICK_MODES.join(", ")}; qualities: ${PICK_QUALITIES.join(", ")})`);
  }
  return {
    help: false as const,
    video: positionals[0]!,
    params: checked.data,
    out: values.out ?? "frames",
    json: values.json,
    faces: !values["no-faces"],
  };
}

async function assertReadableFile(file: string): Promise<void> {
  const info = await stat(file).catch(() => null);
  if (!info) throw new UsageError(`${file}: no such file.`);
  if (!info.isFile()) throw new UsageError(`${file}: not a file.`);
}

async function run(args: { video: string; params: PickParams; out: string; json: boolean; faces: boolean }, io: Io, signal?: AbortSignal): Promise<CliFrame[]> {
  const started = Date.now();
  const showProgress = Boolean(io.stderr.isTTY) && !args.json;
  const progress = (stage: PickStage | "rendering", fraction: number) => {
    if (showProgress) io.stderr.write(`\r${stage.padEnd(10)} ${String(Math.round(fraction * 100)).padStart(3)} %`);
  };

  const faceDetector = args.faces ? await loadFaceDetector(io) : undefined;
  const { probe, picks, samples, shortfall } = await pickFrames(args.video, args.params, { signal, onProgress: progress, faceDetector });

  const outDir = resolve(args.out);
  await mkdir(outDir, { recursive: true });
  const frames: CliFrame[] = [];
  for (const [index, pick] of picks.entries()) {
    progress("rendering", index / picks.length);
    // The user's own machine: full resolution, no watermark.
    const rendered = await renderFrame(args.video, pick.timestampSec, { maxLongSide: null, watermark: false, format: "jpeg" }, { signal, expectedThumb: pick.thumb });
    const path = resolve(outDir, frameDownloadName(basename(args.video), pick.timestampSec, "jpg"));
    await writeFile(path, rendered.image);
    frames.push({ rank: index + 1, timestampSec: pick.timestampSec, score: pick.score, metrics: pick.metrics, path, width: rendered.width, height: rendered.height });
  }
  if (showProgress) io.stderr.write("\r\x1b[K");

  // With --json, stdout holds only the frames; the reason for fewer goes where people read.
  if (args.json && shortfall) io.stderr.write(`${shortfallMessage(shortfall, args.params.count, frames.length, args.params.minIntervalSec)}\n`);
  if (!args.json) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.stdout.write(
      `${basename(args.video)}: ${formatDuration(probe.durationSec)}, ${probe.width}×${probe.height}, ${probe.codec}; ` +
        `${samples} moments analysed (${args.params.mode}, ${args.params.quality}) in ${seconds} s\n`,
    );
    if (shortfall) io.stdout.write(`${shortfallMessage(shortfall, args.params.count, frames.length, args.params.minIntervalSec)}\n`);
    for (const frame of frames) {
      const breakdown = Object.entries(frame.metrics)
        .map(([key, value]) => `${key} ${value.toFixed(2)}`)
        .join(", ");
      io.stdout.write(
        `#${frame.rank}  ${clock(frame.timestampSec)}  score ${frame.score.toFixed(3)}  ${pickReasons(frame.metrics).join(" · ")}\n    (${breakdown})\n    → ${frame.path} (${frame.width}×${frame.height})\n`,
      );
    }
  }
  return frames;
}

async function loadFaceDetector(io: Io): Promise<FaceDetector | undefined> {
  try {
    const { createFaceDetector } = await import("./faces/detector");
    return await createFaceDetector();
  } catch (error) {
    io.stderr.write(`frame-picker: face detection unavailable, scoring without it (${error instanceof Error ? error.message : String(error)})\n`);
    return undefined;
  }
}

function clock(seconds: number): string {
  const totalMs = Math.round(seconds * 1000);
  const m = Math.floor(totalMs / 60000);
  const s = ((totalMs % 60000) / 1000).toFixed(3).padStart(6, "0");
  return `${String(m).padStart(2, "0")}:${s}`;
}
