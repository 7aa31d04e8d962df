import sharp, { type Sharp } from "sharp";
import type { OutputFormat } from "~/core/tiers";
import { resolveFfmpeg } from "./binaries";
import { MediaError, MEDIA_MESSAGES } from "./errors";
import { runTool, tail } from "./run-tool";
import { ShowinfoTimes } from "./showinfo";
import { watermarkLayers } from "./watermark";

export interface RenderPolicy {
  /** Long side cap in pixels, or null for the source resolution. Never enlarges. */
  maxLongSide: number | null;
  watermark: boolean;
  format: OutputFormat;
}

export interface RenderedFrame {
  image: Buffer;
  /** JPEG, long side THUMB_LONG_SIDE (or less for smaller frames). */
  thumb: Buffer;
  width: number;
  height: number;
  format: OutputFormat;
}

export const THUMB_LONG_SIDE = 360;

/**
 * Sampling reports each frame's exact presentation time; aiming a hair before it makes the seek
 * land on that same frame even after float rounding.
 */
const SEEK_LEAD_SEC = 0.001;
/**
 * Some containers seek imprecisely (MPEG-TS, WebM without cues from browser recorders): the
 * demuxer may land on the keyframe AFTER the target. Then we start this far earlier and decode
 * forward to the exact frame.
 */
const FALLBACK_PREROLL_SEC = 10;

/**
 * Takes the frame shown at `timestampSec` from the SOURCE at full resolution (accurate seek,
 * autorotated, square pixels), passes it losslessly (PNG without compression) to sharp, applies
 * the size cap and watermark, and encodes the delivery image and a JPEG thumbnail.
 */
export async function renderFrame(file: string, timestampSec: number, policy: RenderPolicy, opts: { signal?: AbortSignal } = {}): Promise<RenderedFrame> {
  let grabbed = await grabFrame(file, timestampSec, 0, opts.signal);
  if (!grabbed || grabbed.shownAtSec > timestampSec + 0.005) {
    grabbed = (await grabFrame(file, timestampSec, Math.min(timestampSec, FALLBACK_PREROLL_SEC), opts.signal)) ?? grabbed;
  }
  if (!grabbed) throw new MediaError("DECODE_FAILED", MEDIA_MESSAGES.DECODE_FAILED, `no frame at ${timestampSec.toFixed(3)} s`);

  const source = sharp(grabbed.png);
  const { width: sourceWidth = 0, height: sourceHeight = 0 } = await source.metadata();
  const { width, height } = cappedSize(sourceWidth, sourceHeight, policy.maxLongSide);
  let pipeline = source.resize(width, height, { kernel: "lanczos3", fit: "fill" });
  if (policy.watermark) pipeline = pipeline.composite(await watermarkLayers(width, height));
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };

  const [image, thumb] = await Promise.all([
    encode(sharp(data, raw), policy.format),
    sharp(data, raw)
      .resize(THUMB_LONG_SIDE, THUMB_LONG_SIDE, { fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: false })
      .toBuffer(),
  ]);
  return { image, thumb, width: info.width, height: info.height, format: policy.format };
}

/**
 * One ffmpeg run: seek to `prerollSec` before the target, drop frames until the target, output
 * the first frame at or after it as PNG. Returns null when no frame came out; `shownAtSec` is the
 * source time of the frame that did (from showinfo), so the caller can tell a seek that overshot.
 */
async function grabFrame(file: string, timestampSec: number, prerollSec: number, signal?: AbortSignal): Promise<{ png: Buffer; shownAtSec: number } | null> {
  const target = Math.max(0, timestampSec - SEEK_LEAD_SEC);
  const seek = Math.max(0, target - prerollSec);
  const result = await runTool(
    resolveFfmpeg(),
    [
      "-nostdin", "-hide_banner", "-nostats", "-v", "info",
      "-ss", seek.toFixed(6),
      "-i", file,
      "-map", "0:V:0", "-frames:v", "1",
      "-vf", [
        // Times inside the filter graph count from the seek point.
        `select='gte(t,${(target - seek).toFixed(6)})'`,
        // Anamorphic sources (non-square pixels) are stretched to their display width.
        "scale=w='if(eq(sar,1),iw,trunc(iw*sar/2)*2)':h=ih",
        "setsar=1",
        "showinfo",
      ].join(","),
      "-pix_fmt", "rgb24", "-c:v", "png", "-compression_level", "0",
      "-f", "image2pipe", "pipe:1",
    ],
    { signal, maxStdoutBytes: 8192 * 8192 * 3 + 1_000_000 },
  );
  if (result.exitCode !== 0) throw new MediaError("DECODE_FAILED", MEDIA_MESSAGES.DECODE_FAILED, tail(result.stderr, 500).trim());
  if (result.stdout.length === 0) return null;
  const showinfo = new ShowinfoTimes();
  const shownAt = result.stderr.split("\n").map((line) => showinfo.read(line)).find((t) => t !== null);
  return { png: result.stdout, shownAtSec: seek + (shownAt ?? target - seek) };
}

export function cappedSize(width: number, height: number, maxLongSide: number | null): { width: number; height: number } {
  const longSide = Math.max(width, height);
  if (maxLongSide === null || longSide <= maxLongSide) return { width, height };
  const scale = maxLongSide / longSide;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function encode(image: Sharp, format: OutputFormat): Promise<Buffer> {
  switch (format) {
    case "jpeg":
      // mozjpeg is ~3× slower for a few % of size: not worth it on a per-job worker.
      return image.jpeg({ quality: 90, mozjpeg: false, chromaSubsampling: "4:4:4" }).toBuffer();
    case "png":
      return image.png({ compressionLevel: 6 }).toBuffer();
    case "webp":
      return image.webp({ quality: 90 }).toBuffer();
  }
}
