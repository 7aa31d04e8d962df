/**
 * The 1080p length clips for the memory runs (does memory stay flat as videos get longer?):
 * bench/out/clips/testsrc2-noise-{60,300,600}s-1080p30-gop30.mp4: testsrc2 with temporal noise
 * (so the decoder has real work), H.264 with a 1 s GOP, the anchor clip. Generated once;
 * the 600 s one takes ~8 minutes on 2 cores.
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

async function makeClip(seconds: ClipSeconds, path: string, log: (line: string) => void): Promise<void> {
  log(`encoding the ${seconds} s 1080p length clip (once, cached in bench/out/clips/) …`);
  const started = performance.now();
  // Per process: two runs making the same clip must not write into one file.
  const partial = `${path}.${process.pid}.partial.mp4`;
  rmSync(partial, { force: true });
  await runTool(resolveFfmpeg(), [
    "-nostdin", "-v", "error", "-y",
    "-f", "lavfi", "-i", `testsrc2=s=1920x1080:r=30:d=${seconds},noise=alls=12:allf=t+u`,
    "-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-pix_fmt", "yuv420p", partial,
  ]);
  renameSync(partial, path);
  log(`  ${clipName(seconds)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function clipName(seconds: number): string {
  return `testsrc2-noise-${seconds}s-1080p30-gop30.mp4`;
}
