import { execFile } from "node:child_process";
import { open, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { resolveFfmpeg } from "../../worker/media/binaries";

const run = promisify(execFile);

export type TestCodec = "h264" | "hevc" | "vp8" | "vp9" | "mpeg4" | "theora";
export type TestContainer = "mp4" | "mov" | "webm" | "mkv" | "avi" | "ogv";
/**
 * What the frames show. testsrc2 (default) has a white box sweeping across it so moments differ;
 * smptebars never changes; mandelbrot zooms; frame-index paints frame n with gray level
 * 16 + (n·37 mod 224), so a frame's brightness tells which frame it is.
 */
export type TestSource = "testsrc2" | "smptebars" | "mandelbrot" | "frame-index";

export interface MakeVideoOptions {
  codec: TestCodec;
  container: TestContainer;
  seconds: number;
  width: number;
  height: number;
  fps: number;
  /** Clockwise display rotation stored as metadata (MP4/MOV), like a phone held upright. */
  rotate?: 0 | 90 | 180 | 270;
  /** Spoils [from, to) seconds as a camera would: under-exposed with sensor grain, or out of focus. */
  degrade?: { from: number; to: number; kind: "dark-noisy" | "defocus" };
  /** Keeps an irregular subset of frames with their original times: variable frame rate. */
  vfr?: boolean;
  /** A sine tone and no picture (the codec is ignored; AAC). */
  audioOnly?: boolean;
  /** Add a sound track to the video. */
  withAudio?: boolean;
  source?: TestSource;
  /** Keyframe interval in frames (default: one per second). */
  gop?: number;
  /** B-frames between references (MPEG-4 Part 2 in AVI then gets no timestamps of its own, as XviD files have). */
  bframes?: number;
  /** H.264 only: High 4:4:4 Predictive with full-resolution colour (yuv444p), as some screen recorders write. */
  chroma444?: boolean;
  /** MP4/MOV: index (moov) at the start, as web-optimised exports have it (default: at the end). */
  faststart?: boolean;
  /** File name inside `dir` (default derived from the options). */
  name?: string;
}

/** Encodes a short synthetic video with the system ffmpeg and returns its path. */
export async function makeVideo(dir: string, opts: MakeVideoOptions): Promise<string> {
  const { seconds, width, height, fps } = opts;
  const name =
    opts.name ??
    `${opts.audioOnly ? "audio" : `${opts.source ?? "testsrc2"}-${opts.codec}`}-${width}x${height}-${seconds}s` +
      `${opts.rotate ? `-rot${opts.rotate}` : ""}${opts.vfr ? "-vfr" : ""}${opts.chroma444 ? "-444" : ""}${opts.bframes ? `-bf${opts.bframes}` : ""}${opts.withAudio ? "-audio" : ""}${opts.faststart ? "-faststart" : ""}${opts.degrade ? `-${opts.degrade.kind}${opts.degrade.from}-${opts.degrade.to}` : ""}.${opts.container}`;
  const file = join(dir, name);
  const args = ["-nostdin", "-hide_banner", "-v", "error", "-y"];

  if (opts.audioOnly) {
    args.push("-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`, "-c:a", "aac", file);
    await run(resolveFfmpeg(), args);
    return file;
  }

  args.push("-f", "lavfi", "-i", sourceGraph(opts.source ?? "testsrc2", width, height, fps, seconds));
  if (opts.withAudio) args.push("-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`);
  const filters = [...(opts.degrade ? [degradeFilter(opts.degrade)] : []), ...(opts.vfr ? ["select='not(mod(n\\,3))+eq(mod(n\\,7)\\,1)'"] : [])];
  if (filters.length > 0) args.push("-vf", filters.join(","));
  if (opts.vfr) args.push("-fps_mode", "vfr");
  args.push(...codecArgs(opts.codec, opts.container), "-g", String(opts.gop ?? Math.max(1, Math.round(fps))));
  if (opts.chroma444) args.push("-profile:v", "high444", "-pix_fmt", "yuv444p");
  if (opts.bframes !== undefined) args.push("-bf", String(opts.bframes), ...(opts.codec === "mpeg4" ? ["-vtag", "XVID"] : []));
  if (opts.withAudio) args.push("-c:a", opts.container === "webm" ? "libopus" : opts.container === "avi" ? "libmp3lame" : opts.container === "ogv" ? "libvorbis" : "aac", "-shortest");
  if (opts.faststart) args.push("-movflags", "+faststart");
  const encoded = opts.rotate ? `${file}.unrotated.${opts.container}` : file;
  args.push(encoded);
  await run(resolveFfmpeg(), args, { maxBuffer: 16 * 1024 * 1024 });
  if (opts.rotate) {
    // ffmpeg 5.1 writes the rotation only when remuxing, and reads this tag counter-clockwise:
    // 270 here becomes a 90° clockwise display matrix, as in a phone clip.
    const remux = ["-nostdin", "-v", "error", "-y", "-i", encoded, "-c", "copy", "-metadata:s:v:0", `rotate=${(360 - opts.rotate) % 360}`];
    await run(resolveFfmpeg(), [...remux, ...(opts.faststart ? ["-movflags", "+faststart"] : []), file]);
    await rm(encoded);
  }
  return file;
}

function degradeFilter({ from, to, kind }: NonNullable<MakeVideoOptions["degrade"]>): string {
  const during = `enable='between(t\\,${from}\\,${to})'`;
  return kind === "dark-noisy" ? `eq=brightness=-0.25:contrast=0.35:${during},noise=alls=28:allf=t:${during}` : `gblur=sigma=8:${during}`;
}

function sourceGraph(source: TestSource, width: number, height: number, fps: number, seconds: number): string {
  const size = `s=${width}x${height}:r=${fps}:d=${seconds}`;
  switch (source) {
    case "testsrc2":
      return `testsrc2=${size},drawbox=x='mod(t*iw/3\\,iw)':y=ih/3:w=iw/5:h=ih/3:color=white:t=fill`;
    case "smptebars":
      return `smptebars=${size}`;
    case "mandelbrot":
      return `mandelbrot=s=${width}x${height}:r=${fps},trim=duration=${seconds}`;
    case "frame-index":
      return `color=c=black:${size},format=yuv420p,geq=lum='16+mod(N*37\\,224)':cb=128:cr=128`;
  }
}

/** Gray level painted on frame `n` by the frame-index source. */
export function frameIndexLuma(n: number): number {
  return 16 + ((n * 37) % 224);
}

function codecArgs(codec: TestCodec, container: TestContainer): string[] {
  switch (codec) {
    case "h264":
      return ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"];
    case "hevc":
      return ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p", ...(container === "mp4" || container === "mov" ? ["-tag:v", "hvc1"] : [])];
    case "vp8":
      return ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "16", "-lag-in-frames", "0", "-b:v", "1M"];
    case "vp9":
      return ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-row-mt", "1", "-b:v", "1M"];
    case "mpeg4":
      return ["-c:v", "mpeg4", "-q:v", "4"];
    case "theora":
      return ["-c:v", "libtheora", "-q:v", "6"];
  }
}

/** A text file with a video's name: what a user gets by renaming the wrong file. */
export async function makeNotAVideo(dir: string, name = "not-a-video.mp4"): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, "These are my holiday notes, not a video.\n".repeat(200));
  return file;
}

/**
 * The first `fraction` of a video, like an upload cut short. For MP4/MOV written by makeVideo the
 * index (moov) is at the end, so the result has no index at all.
 */
export async function makeTruncated(file: string, fraction = 0.5, name?: string): Promise<string> {
  const { size } = await stat(file);
  const keep = Math.max(1, Math.floor(size * fraction));
  const target = name ?? file.replace(/(\.[^./]+)$/, "-truncated$1");
  const source = await open(file, "r");
  try {
    const buffer = Buffer.alloc(keep);
    await source.read(buffer, 0, keep, 0);
    await writeFile(target, buffer);
  } finally {
    await source.close();
  }
  return target;
}

export async function makeEmpty(dir: string, name = "empty.mp4"): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, "");
  return file;
}
