import { stat } from "node:fs/promises";
import { z } from "zod";
import { resolveFfmpeg, resolveFfprobe } from "./binaries";
import { sniffFile } from "./container-sniff";
import { MediaError, MEDIA_MESSAGES, badResolutionMessage } from "./errors";
import { runTool, tail } from "./run-tool";
import { untrustedInput } from "./untrusted-input";

export interface VideoProbe {
  durationSec: number;
  /** Average frame rate; 0 when the container does not say. */
  fps: number;
  /** As displayed: after rotation and non-square pixels. */
  width: number;
  height: number;
  codec: string;
  /** Clockwise degrees a player turns the stored picture (phone clips: usually 90). */
  rotation: 0 | 90 | 180 | 270;
  hasVideo: boolean;
}

export const MIN_SIDE_PX = 16;
export const MAX_SIDE_PX = 8192;

const ffprobeSchema = z.object({
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        sample_aspect_ratio: z.string().optional(),
        avg_frame_rate: z.string().optional(),
        r_frame_rate: z.string().optional(),
        duration: z.string().optional(),
        disposition: z.object({ attached_pic: z.number().optional() }).partial().optional(),
        tags: z.record(z.string(), z.string()).optional(),
        side_data_list: z.array(z.object({ side_data_type: z.string().optional(), rotation: z.number().optional() })).optional(),
      }),
    )
    .default([]),
  format: z.object({ format_name: z.string().optional(), duration: z.string().optional() }).partial().default({}),
});
type FfprobeStream = z.infer<typeof ffprobeSchema>["streams"][number];

/**
 * ffprobe reads a header in well under a second; one still busy after this long is stuck on a
 * hostile or broken file (the job is handed back and retried, like any other failure of ours).
 */
const PROBE_TIMEOUT_SEC = 60;

/**
 * Reads what a video is (size, length, rotation…) and makes sure its first frame decodes, so a
 * bad upload fails here with a precise message instead of halfway through the work. A caller
 * about to decode the video anyway can skip that check (`checkFirstFrame: false`).
 */
export async function probeVideo(file: string, signal?: AbortSignal, opts: { checkFirstFrame?: boolean } = {}): Promise<VideoProbe> {
  const { size } = await stat(file);
  if (size === 0) throw new MediaError("EMPTY_FILE", MEDIA_MESSAGES.EMPTY_FILE);

  // The first-frame check runs alongside ffprobe (two small processes, two cores): its verdict is
  // read only once ffprobe has said what the file is, so a non-video still gets that message.
  const firstFrame = opts.checkFirstFrame === false ? Promise.resolve(true as const) : firstFrameDecodes(file, signal);
  const probed = await runTool(
    resolveFfprobe(),
    ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", ...untrustedInput(file)],
    { signal, timeoutSec: PROBE_TIMEOUT_SEC },
  );
  const parsed = probed.exitCode === 0 ? ffprobeSchema.safeParse(safeJson(probed.stdout.toString("utf8"))) : null;
  if (!parsed?.success) {
    // Same ffprobe error for "text file named .mp4" and "MP4 cut before its index": the bytes tell.
    const damaged = (await sniffFile(file)) !== null;
    throw new MediaError(damaged ? "CORRUPT" : "NOT_A_VIDEO", damaged ? MEDIA_MESSAGES.CORRUPT : MEDIA_MESSAGES.NOT_A_VIDEO, tail(probed.stderr, 500).trim());
  }
  const { streams, format } = parsed.data;
  const video = streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
  if (!video) {
    const hasAudio = streams.some((s) => s.codec_type === "audio");
    throw new MediaError(hasAudio ? "AUDIO_ONLY" : "NOT_A_VIDEO", hasAudio ? MEDIA_MESSAGES.AUDIO_ONLY : MEDIA_MESSAGES.NOT_A_VIDEO);
  }

  const rotation = rotationOf(video);
  const storedWidth = Math.round((video.width ?? 0) * pixelAspect(video.sample_aspect_ratio));
  const storedHeight = video.height ?? 0;
  const [width, height] = rotation % 180 === 0 ? [storedWidth, storedHeight] : [storedHeight, storedWidth];
  if ([width, height].some((side) => !(side >= MIN_SIDE_PX && side <= MAX_SIDE_PX))) {
    throw new MediaError("BAD_RESOLUTION", badResolutionMessage(width, height));
  }

  let durationSec = positive(format.duration) ?? positive(video.duration);
  // WebM from browser recorders carries no duration in its header: read the packet times instead.
  durationSec ??= await durationFromPackets(file, signal);
  if (durationSec === null) throw new MediaError("NO_DURATION", MEDIA_MESSAGES.NO_DURATION);

  const decoded = await firstFrame;
  signal?.throwIfAborted();
  if (decoded !== true) throw new MediaError("CORRUPT", MEDIA_MESSAGES.CORRUPT, decoded.detail);

  return {
    durationSec,
    fps: frameRate(video.avg_frame_rate) ?? frameRate(video.r_frame_rate) ?? 0,
    width,
    height,
    codec: video.codec_name ?? "unknown",
    rotation,
    hasVideo: true,
  };
}

function rotationOf(stream: FfprobeStream): VideoProbe["rotation"] {
  const matrix = stream.side_data_list?.find((d) => d.side_data_type === "Display Matrix" && d.rotation !== undefined);
  // The display matrix angle is counter-clockwise; the legacy `rotate` tag is clockwise.
  const clockwise = matrix?.rotation !== undefined ? -matrix.rotation : Number(stream.tags?.rotate ?? 0);
  const quarterTurns = ((Math.round((Number.isFinite(clockwise) ? clockwise : 0) / 90) % 4) + 4) % 4;
  return (quarterTurns * 90) as VideoProbe["rotation"];
}

function pixelAspect(sar: string | undefined): number {
  const ratio = sar ? parseRatio(sar, ":") : null;
  return ratio && ratio > 0 ? ratio : 1;
}

function frameRate(rate: string | undefined): number | null {
  const ratio = rate ? parseRatio(rate, "/") : null;
  return ratio && ratio > 0 && ratio < 1000 ? ratio : null;
}

function parseRatio(text: string, separator: string): number | null {
  const [num, den] = text.split(separator).map(Number);
  return num !== undefined && den !== undefined && den !== 0 && Number.isFinite(num / den) ? num / den : null;
}

function positive(value: string | undefined): number | null {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** End of the last video packet; demuxing only, so fast even for long files. */
async function durationFromPackets(file: string, signal?: AbortSignal): Promise<number | null> {
  const result = await runTool(
    resolveFfprobe(),
    ["-v", "error", "-select_streams", "V:0", "-show_entries", "packet=pts_time,duration_time", "-of", "csv=p=0", ...untrustedInput(file)],
    { signal, timeoutSec: PROBE_TIMEOUT_SEC },
  );
  let end = 0;
  for (const line of result.stdout.toString("utf8").split("\n")) {
    const [pts, duration] = line.split(",").map(Number);
    if (pts !== undefined && Number.isFinite(pts)) end = Math.max(end, pts + (duration !== undefined && Number.isFinite(duration) ? duration : 0));
  }
  return end > 0 ? end : null;
}

/**
 * Headers can be intact while the data is not (upload cut short): decode one tiny frame to be
 * sure. Resolves (never rejects, so it can run ahead unawaited) to true or to what ffmpeg said.
 */
async function firstFrameDecodes(file: string, signal?: AbortSignal): Promise<true | { detail: string }> {
  const side = 16;
  try {
    const result = await runTool(
      resolveFfmpeg(),
      ["-nostdin", "-hide_banner", "-v", "error", ...untrustedInput(file), "-map", "0:V:0", "-frames:v", "1", "-vf", `scale=${side}:${side}`, "-pix_fmt", "gray", "-f", "rawvideo", "pipe:1"],
      { signal, maxStdoutBytes: side * side * 4, timeoutSec: PROBE_TIMEOUT_SEC },
    );
    return result.exitCode === 0 && result.stdout.length === side * side ? true : { detail: tail(result.stderr, 500).trim() };
  } catch (error) {
    return { detail: error instanceof Error ? error.message : String(error) };
  }
}
