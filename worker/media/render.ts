import sharp, { type Sharp } from "sharp";
import type { PixelRect } from "~/core/crops";
import type { OutputFormat } from "~/core/tiers";
import { resolveFfmpeg } from "./binaries";
import { CheckedFrames, type CheckedFrame } from "./decode-health";
import { MediaError, MEDIA_MESSAGES } from "./errors";
import { matchPsnr, MIN_MATCH_PSNR_DB } from "./fidelity";
import { runTool, tail } from "./run-tool";
import { untrustedInput } from "./untrusted-input";
import { watermarkLayers } from "./watermark";

export interface RenderPolicy {
  /** Long side cap in pixels, or null for the source resolution. Never enlarges. */
  maxLongSide: number | null;
  watermark: boolean;
  format: OutputFormat;
}

/** One delivered image: the tier's size cap and watermark applied, encoded in the policy's format. */
export interface RenderedImage {
  image: Buffer;
  width: number;
  height: number;
  format: OutputFormat;
}

export interface RenderedFrame extends RenderedImage {
  /** JPEG, long side THUMB_LONG_SIDE (or less for smaller frames). */
  thumb: Buffer;
}

/** A frame taken from the source at full resolution, decoded once, as raw RGB(A). */
export interface SourceFrame {
  pixels: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

export const THUMB_LONG_SIDE = 360;

/**
 * Sampling reports each frame's exact presentation time. The frame kept is the first at or after
 * a hair before it, and the demuxer seeks to a hair after it: both survive float rounding, and a
 * frame that is itself a keyframe (every fast pick) decodes alone instead of after the whole GOP
 * before it (0.33 → 0.15 s per 1080p grab with 5 s GOPs).
 */
const SEEK_LEAD_SEC = 0.001;
/**
 * Some containers seek imprecisely (MPEG-TS, WebM without cues from browser recorders): the
 * demuxer may land on the keyframe AFTER the target. Then we start this far earlier and decode
 * forward to the exact frame. It also outlasts the damage of a seek that landed on a "keyframe"
 * that is no real entry point, when a true one lies within it.
 */
const FALLBACK_PREROLL_SEC = 10;

export interface GrabOptions {
  signal?: AbortSignal;
  /**
   * The analysis's thumbnail of this moment (picker/frame-stats.ts). The grab must match it, or
   * it is taken again from further back, down to decoding the video from its start.
   */
  expectedThumb?: Uint8Array;
  /** Told when a grab did not hold up and a slower one was needed (for the logs). */
  onRetry?: (why: string) => void;
}

/**
 * Takes the frame shown at `timestampSec` from the SOURCE at full resolution (accurate seek,
 * autorotated, square pixels), passes it losslessly (PNG without compression) to sharp, and
 * decodes it once so the full frame, its thumbnail and any crops are all cut from it.
 *
 * A seek trusts the container's keyframe index. When that index names frames that cannot be
 * decoded alone, or the data is damaged, the frame comes out as concealment blocks or another
 * moment. So a grab must come out at the right time, decode without errors, and match the
 * analysis's picture of the moment; otherwise it is taken again from 10 s earlier, and then by
 * decoding from the start, which is the true picture by definition and is delivered whatever it shows.
 */
export async function grabSourceFrame(file: string, timestampSec: number, opts: GrabOptions = {}): Promise<SourceFrame> {
  const prerolls = [...new Set([0, Math.min(timestampSec, FALLBACK_PREROLL_SEC), timestampSec])];
  let last: SourceFrame | null = null;
  for (const [attempt, preroll] of prerolls.entries()) {
    const final = attempt === prerolls.length - 1;
    // A seek can land past the last frame (WebM without cues): ffmpeg then fails with nothing to
    // encode. Only the last attempt, which decodes from the start, may fail the grab.
    const grabbed = await grabFrame(file, timestampSec, preroll, opts.signal).catch((error: unknown) => {
      if (final || !(error instanceof MediaError)) throw error;
      opts.onRetry?.(`frame at ${timestampSec.toFixed(3)} s grabbed with ${preroll} s of preroll: ${error.detail.split("\n").at(-1) ?? "ffmpeg failed"}`);
      return null;
    });
    if (!grabbed) continue;
    const { data, info } = await sharp(grabbed.png).raw().toBuffer({ resolveWithObject: true });
    const frame: SourceFrame = { pixels: data, width: info.width, height: info.height, channels: info.channels };
    last = frame;
    if (final) break;
    const problem = grabProblem(grabbed, frame, timestampSec, opts.expectedThumb);
    if (!problem) return frame;
    opts.onRetry?.(`frame at ${timestampSec.toFixed(3)} s grabbed with ${preroll} s of preroll: ${problem}`);
  }
  if (!last) throw new MediaError("DECODE_FAILED", MEDIA_MESSAGES.DECODE_FAILED, `no frame at ${timestampSec.toFixed(3)} s`);
  return last;
}

/** Why a grab cannot be trusted (in words, for the logs), or null when it can. */
function grabProblem(grabbed: { shownAtSec: number; intact: boolean }, frame: SourceFrame, timestampSec: number, expectedThumb: Uint8Array | undefined): string | null {
  if (grabbed.shownAtSec > timestampSec + 0.005) return `the seek overshot to ${grabbed.shownAtSec.toFixed(3)} s`;
  if (!grabbed.intact) return "the decoder reported errors";
  if (!expectedThumb) return null;
  const db = matchPsnr(frame, expectedThumb);
  return db < MIN_MATCH_PSNR_DB ? `it does not match the analysis (${db.toFixed(1)} dB)` : null;
}

/** The frame at `timestampSec`, delivered whole with its thumbnail (one ffmpeg grab). */
export async function renderFrame(file: string, timestampSec: number, policy: RenderPolicy, opts: GrabOptions = {}): Promise<RenderedFrame> {
  return renderWholeFrame(await grabSourceFrame(file, timestampSec, opts), policy);
}

/** The whole source frame as delivered (capped, watermarked, encoded) plus a JPEG thumbnail of that delivery. */
export async function renderWholeFrame(frame: SourceFrame, policy: RenderPolicy): Promise<RenderedFrame> {
  const delivered = await capAndMark(frame, policy);
  const [image, thumb] = await Promise.all([
    encode(sharp(delivered.data, delivered.raw), policy.format),
    sharp(delivered.data, delivered.raw)
      .resize(THUMB_LONG_SIDE, THUMB_LONG_SIDE, { fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: false })
      .toBuffer(),
  ]);
  return { image, thumb, width: delivered.width, height: delivered.height, format: policy.format };
}

/**
 * A region of the source frame delivered like the whole frame: cut at full resolution first, then
 * the same size cap (on the crop's own long side), watermark and format.
 */
export async function renderRegion(frame: SourceFrame, region: PixelRect, policy: RenderPolicy): Promise<RenderedImage> {
  const delivered = await capAndMark(frame, policy, region);
  const image = await encode(sharp(delivered.data, delivered.raw), policy.format);
  return { image, width: delivered.width, height: delivered.height, format: policy.format };
}

/** Cut (optionally), size cap and watermark: the delivery's pixels, raw, before encoding. */
async function capAndMark(frame: SourceFrame, policy: RenderPolicy, region?: PixelRect) {
  let pipeline = sharp(frame.pixels, { raw: { width: frame.width, height: frame.height, channels: frame.channels } });
  // extract() before resize() cuts from the full-resolution pixels.
  if (region) pipeline = pipeline.extract({ left: region.x, top: region.y, width: region.width, height: region.height });
  const { width, height } = cappedSize(region?.width ?? frame.width, region?.height ?? frame.height, policy.maxLongSide);
  pipeline = pipeline.resize(width, height, { kernel: "lanczos3", fit: "fill" });
  if (policy.watermark) pipeline = pipeline.composite(await watermarkLayers(width, height));
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, raw: { raw: { width: info.width, height: info.height, channels: info.channels } } };
}

/**
 * One ffmpeg run: seek to `prerollSec` before the target, drop frames until the target, output
 * the first frame at or after it as PNG. Returns null when no frame came out; `shownAtSec` is the
 * source time of the frame that did (from showinfo), so the caller can tell a seek that overshot,
 * and `intact` whether it decoded without errors since the seek (decode-health.ts).
 */
async function grabFrame(file: string, timestampSec: number, prerollSec: number, signal?: AbortSignal): Promise<{ png: Buffer; shownAtSec: number; intact: boolean } | null> {
  const target = Math.max(0, timestampSec - SEEK_LEAD_SEC);
  // From the start when the preroll reaches it: some AVIs cannot seek even to 0.
  const seek = timestampSec - prerollSec <= SEEK_LEAD_SEC ? 0 : prerollSec === 0 ? timestampSec + SEEK_LEAD_SEC : timestampSec - prerollSec;
  const result = await runTool(
    resolveFfmpeg(),
    [
      "-nostdin", "-hide_banner", "-nostats", "-loglevel", "level+info",
      // No seek at all from the start: some AVIs cannot seek even to 0, and the demuxer then
      // skips their first keyframe (decoding starts on a predicted frame: flat gray).
      // Not accurate: ffmpeg would drop frames before the seek point, the wanted one included;
      // the select below keeps the first frame at the target instead.
      ...(seek > 0 ? ["-noaccurate_seek", "-ss", seek.toFixed(6)] : []),
      ...untrustedInput(file),
      "-map", "0:V:0", "-frames:v", "1",
      "-vf", [
        // Times inside the filter graph count from the seek point (the keyframe before it is a
        // little below zero).
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
  const frames = new CheckedFrames();
  let shown: CheckedFrame | null = null;
  for (const line of result.stderr.split("\n")) shown ??= frames.read(line);
  return { png: result.stdout, shownAtSec: seek + (shown?.timeSec ?? target - seek), intact: shown?.intact ?? true };
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
