import { accessSync, constants, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";

/**
 * Where ffmpeg and ffprobe live. Order: FFMPEG_PATH / FFPROBE_PATH (the Lambda's bin/, set by
 * its environment), then PATH (the system's, which the two README commands install). Not the
 * ffmpeg-static package: its install script is denied, so it never has a binary here, and its
 * JavaScript is GPL-3.0, which must not be bundled into the worker (the licence check, sbom.ts).
 * Resolved once per process: the answer cannot change while we run.
 */
let ffmpegCache: string | undefined;
let ffprobeCache: string | undefined;

export function resolveFfmpeg(): string {
  ffmpegCache ??= findBinary("ffmpeg", process.env.FFMPEG_PATH, []);
  return ffmpegCache;
}

export function resolveFfprobe(): string {
  // A hand-installed static build usually has ffprobe beside ffmpeg.
  let besideFfmpeg: string | null = null;
  try {
    besideFfmpeg = join(dirname(resolveFfmpeg()), "ffprobe");
  } catch {
    // No ffmpeg anywhere: still look for ffprobe on its own.
  }
  ffprobeCache ??= findBinary("ffprobe", process.env.FFPROBE_PATH, [besideFfmpeg]);
  return ffprobeCache;
}

function findBinary(name: "ffmpeg" | "ffprobe", fromEnv: string | undefined, candidates: Array<string | null>): string {
  const envVar = name === "ffmpeg" ? "FFMPEG_PATH" : "FFPROBE_PATH";
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`${envVar} is set to ${fromEnv}, but that is not an executable file.`);
    return fromEnv;
  }
  for (const candidate of candidates) if (candidate && isExecutable(candidate)) return candidate;
  const onPath = findOnPath(name);
  if (onPath) return onPath;
  throw new Error(
    `${name} was not found. Install ffmpeg (Debian/Ubuntu: apt-get install -y --no-install-recommends ffmpeg; ` +
      `macOS: brew install ffmpeg) or set ${envVar} to the full path of the ${name} binary.`,
  );
}

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** For tests that change the environment. */
export function resetBinaryCache(): void {
  ffmpegCache = undefined;
  ffprobeCache = undefined;
}
