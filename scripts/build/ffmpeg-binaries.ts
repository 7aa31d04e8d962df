import { createWriteStream } from "node:fs";
import { chmod, copyFile, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { createGunzip } from "node:zlib";
import { describeError } from "../local/log";
import { FFMPEG_TOOLS, loadPins, pinsFile, verifyPinned } from "./ffmpeg-pins";
import { expectElfFor, nodeArchOf, type LambdaArch } from "./worker-elf";

/**
 * ffmpeg + ffprobe for the worker Lambda: Linux builds for the function's architecture, put in
 * the artefact's bin/. The source is ffmpeg-static's GitHub release (statically linked builds by
 * johnvansickle.com), the release and each binary's SHA-256 pinned in ffmpeg-pins.json (checked
 * on every build, cached copies included; see ffmpeg-pins.ts). FFMPEG_BINARIES_URL names a
 * mirror. Downloads are cached per release.
 */

const DEFAULT_BASE_URL = "https://github.com/eugeneware/ffmpeg-static/releases/download";
/** Time to the first response byte; the body (tens of MB) gets its own, longer limit. */
const RESPONSE_TIMEOUT_MS = 30_000;
const BODY_TIMEOUT_MS = 10 * 60_000;

export interface FfmpegSource {
  /** Folder holding ffmpeg and ffprobe (and maybe LICENSE / README). */
  dir: string;
  /** Where the binaries came from, for the build log and build-info.json. */
  origin: string;
  /** The pinned release they are (e.g. b6.1.1), or null for binaries the operator supplied. */
  release: string | null;
}


export function ffmpegDownloadUrls(arch: LambdaArch, release: string, env: NodeJS.ProcessEnv = process.env) {
  const base = `${(env.FFMPEG_BINARIES_URL || DEFAULT_BASE_URL).replace(/\/+$/, "")}/${release}`;
  const platform = `linux-${nodeArchOf(arch)}`;
  return {
    ffmpeg: `${base}/ffmpeg-${platform}.gz`,
    ffprobe: `${base}/ffprobe-${platform}.gz`,
    license: `${base}/${platform}.LICENSE`,
    readme: `${base}/${platform}.README`,
  };
}

/**
 * Downloads (or finds in the cache) ffmpeg + ffprobe for `arch`, of the pinned release, and
 * refuses them unless their SHA-256 matches the pins (`recordPins`: record unrecorded ones).
 * Throws the message the build shows.
 */
export async function downloadFfmpeg(arch: LambdaArch, cacheDir: string, env: NodeJS.ProcessEnv = process.env, recordPins = false): Promise<FfmpegSource> {
  const pinsPath = pinsFile(env);
  const pins = await loadPins(pinsPath);
  const { release } = pins;
  const platform = `linux-${nodeArchOf(arch)}`;
  const dir = path.join(cacheDir, "ffmpeg", release, platform);
  const verified = async (origin: string): Promise<FfmpegSource> => {
    try {
      await verifyPinned(dir, platform, { file: pinsPath, pins }, { record: recordPins });
    } catch (error) {
      // A refused copy must not be found in the cache next time.
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return { dir, origin, release };
  };
  if (await hasBoth(dir)) return verified(`ffmpeg-static ${release} (cached in ${dir})`);
  const urls = ffmpegDownloadUrls(arch, release, env);

  await mkdir(dir, { recursive: true });
  for (const tool of FFMPEG_TOOLS) {
    try {
      await downloadGunzipped(urls[tool], path.join(dir, tool));
    } catch (error) {
      throw new Error(
        `could not download ${tool} for ${arch} from ${urls[tool]}: ${describeError(error)}; ` +
          `pass --skip-ffmpeg for a bundle without it, or --ffmpeg-dir DIR with ffmpeg and ffprobe already downloaded`,
      );
    }
  }
  // The GPL's notice travels with the binaries; a missing one is not worth failing a build over.
  for (const [name, url] of [["LICENSE", urls.license], ["README", urls.readme]] as const) {
    const text = await fetchText(url).catch(() => null);
    if (text !== null) await writeFile(path.join(dir, name), text);
  }
  return verified(`ffmpeg-static ${release} from ${urls.ffmpeg.replace(/\/[^/]+$/, "/")}`);
}

async function hasBoth(dir: string): Promise<boolean> {
  for (const tool of FFMPEG_TOOLS) {
    const info = await stat(path.join(dir, tool)).catch(() => null);
    if (!info?.isFile() || info.size === 0) return false;
  }
  return true;
}

async function openUrl(url: string): Promise<Response> {
  const response = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(RESPONSE_TIMEOUT_MS) }).catch(
    (error: unknown) => {
      throw new Error(describeError(error));
    },
  );
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  return response;
}

async function fetchText(url: string): Promise<string> {
  return (await openUrl(url)).text();
}

/** Streams a .gz URL to `target`, unpacked; the file appears only when complete, executable. */
async function downloadGunzipped(url: string, target: string): Promise<void> {
  const response = await openUrl(url);
  const partial = `${target}.partial`;
  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      createGunzip(),
      createWriteStream(partial),
      { signal: AbortSignal.timeout(BODY_TIMEOUT_MS) },
    );
    await chmod(partial, 0o755);
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

export interface InstalledFfmpeg {
  origin: string;
  release: string | null;
  /** False for a distro build (e.g. Debian's /usr/bin/ffmpeg): runs here, not on Lambda. */
  static: boolean;
  bytes: number;
}

/**
 * Copies ffmpeg + ffprobe from `source.dir` into `binDir` after checking they are ELF binaries for
 * `arch` and statically linked. A dynamically linked pair is refused unless `allowDynamic`: Lambda
 * has none of a distro's shared libraries, so such a build fails on the first job, not at deploy.
 */
export async function installFfmpeg(source: FfmpegSource, binDir: string, arch: LambdaArch, allowDynamic: boolean): Promise<InstalledFfmpeg> {
  await mkdir(binDir, { recursive: true });
  let isStatic = true;
  let bytes = 0;
  for (const tool of FFMPEG_TOOLS) {
    const from = path.join(source.dir, tool);
    if (!(await stat(from).catch(() => null))?.isFile()) {
      throw new Error(`${from} does not exist: --ffmpeg-dir must hold both ffmpeg and ffprobe`);
    }
    const elf = await expectElfFor(from, arch, tool);
    if (elf.dynamic) {
      if (!allowDynamic) {
        throw new Error(
          `${from} is dynamically linked (it needs the shared libraries of the system it came from, which Lambda does not have). ` +
            `Use ffmpeg-static's static build (drop --ffmpeg-dir to download it), or pass --allow-dynamic-ffmpeg to build an artefact only for running locally`,
        );
      }
      isStatic = false;
    }
    const to = path.join(binDir, tool);
    await copyFile(from, to);
    await chmod(to, 0o755);
    bytes += (await stat(to)).size;
  }
  for (const extra of ["LICENSE", "README"]) {
    await copyFile(path.join(source.dir, extra), path.join(binDir, `ffmpeg.${extra}`)).catch(() => undefined);
  }
  return { origin: source.origin, release: source.release, static: isStatic, bytes };
}

/**
 * What ffmpeg + ffprobe add to the artefact, for the size check when the step is skipped. NOT
 * measured here (no download possible): ffmpeg-static's b6.x Linux builds are fully static and
 * each binary is roughly 75–80 MB unpacked (x64; arm64 a little smaller) and 25–30 MB gzipped.
 * The upper ends are used so the projection errs on the safe side.
 */
export const FFMPEG_SIZE_ESTIMATE = { unzippedBytes: 2 * 80 * 1024 * 1024, zippedBytes: 2 * 30 * 1024 * 1024 } as const;
