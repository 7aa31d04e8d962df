/**
 * The generated clips for speed and memory: testsrc2 with temporal noise (so the decoder has real
 * work), H.264 at 30 fps, in bench/out/clips/, made once.
 * - The length clips, testsrc2-noise-{60,300,600}s-1080p30-gop30.mp4 (1 s GOP, the speed anchor;
 *   does memory stay flat as videos get longer?). The 600 s one takes ~8 minutes on 2 cores.
 * - The job clips, 60 s at 720p, 1080p and 2160p with 1 s and 5 s GOPs (the end-to-end section).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { resolveFfmpeg } from "~/worker/media/binaries";
import { runTool } from "./synth/exec";

export const CLIP_SECONDS = [60, 300, 600] as const;
export type ClipSeconds = (typeof CLIP_SECONDS)[number];

const OUT = join(import.meta.dirname, "out");
const CLIPS = join(OUT, "clips");

export function lengthClipPath(seconds: ClipSeconds): string {
  return join(CLIPS, clipName(seconds));
}

/** Paths of the asked-for clips, generating any that are missing. */
export async function ensureLengthClips(
  seconds: readonly ClipSeconds[] = CLIP_SECONDS,
  log: (line: string) => void = (line) => console.error(line),
): Promise<Array<{ seconds: ClipSeconds; path: string }>> {
  mkdirSync(CLIPS, { recursive: true });
  const clips = [];
  for (const length of seconds) {
    const path = lengthClipPath(length);
    if (!existsSync(path)) await makeClip(length, path, log);
    clips.push({ seconds: length, path });
  }
  return clips;
}

/** A clip's frame height and GOP (frames); the length clips are 1080p with a 1 s GOP. */
export interface ClipShape {
  height: 720 | 1080 | 2160;
  gopFrames: 30 | 150;
}
const WIDTH_OF: Record<ClipShape["height"], number> = { 720: 1280, 1080: 1920, 2160: 3840 };
const LENGTH_CLIP_SHAPE: ClipShape = { height: 1080, gopFrames: 30 };

/** The end-to-end section's clips: 60 s, every height with both GOPs. */
export const JOB_CLIP_SHAPES: readonly ClipShape[] = ([720, 1080, 2160] as const).flatMap((height) => ([30, 150] as const).map((gopFrames) => ({ height, gopFrames })));

/** The end-to-end section's clips of these shapes (default: all), made once. */
export async function ensureJobClips(log: (line: string) => void, shapes: readonly ClipShape[] = JOB_CLIP_SHAPES): Promise<Array<ClipShape & { path: string }>> {
  mkdirSync(CLIPS, { recursive: true });
  const clips = [];
  for (const shape of shapes) {
    const path = join(CLIPS, clipName(60, shape));
    if (!existsSync(path)) await makeClip(60, path, log, shape);
    clips.push({ ...shape, path });
  }
  return clips;
}

async function makeClip(seconds: number, path: string, log: (line: string) => void, shape: ClipShape = LENGTH_CLIP_SHAPE): Promise<void> {
  log(`encoding ${clipName(seconds, shape)} (once, cached in bench/out/clips/) …`);
  const started = performance.now();
  // Per process: two runs making the same clip must not write into one file.
  const partial = `${path}.${process.pid}.partial.mp4`;
  rmSync(partial, { force: true });
  await runTool(resolveFfmpeg(), [
    "-nostdin", "-v", "error", "-y",
    "-f", "lavfi", "-i", `testsrc2=s=${WIDTH_OF[shape.height]}x${shape.height}:r=30:d=${seconds},noise=alls=12:allf=t+u`,
    "-c:v", "libx264", "-preset", "veryfast", "-g", String(shape.gopFrames), "-pix_fmt", "yuv420p", partial,
  ]);
  renameSync(partial, path);
  log(`  ${clipName(seconds, shape)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function clipName(seconds: number, shape: ClipShape = LENGTH_CLIP_SHAPE): string {
  return `testsrc2-noise-${seconds}s-${shape.height}p30-gop${shape.gopFrames}.mp4`;
}
