import { resolveFfmpeg } from "./binaries";
import { MediaError, MEDIA_MESSAGES } from "./errors";
import { spawnTool, tail } from "./run-tool";
import { untrustedInput } from "./untrusted-input";
import { CheckedFrames, type CheckedFrame } from "./decode-health";
import { isShowinfoLine } from "./showinfo";

export interface SampleOptions {
  /** Samples per second of video time; ignored when `keyframesOnly`. */
  rate: number;
  /**
   * Decode keyframes only (ffmpeg `-skip_frame nokey`): every keyframe becomes a sample. About a
   * quarter of a full decode for a 1 s GOP, because the frames between are never decoded.
   */
  keyframesOnly?: boolean;
  /**
   * Skip decoding the frames no other frame refers to (ffmpeg `-skip_frame noref`: in H.264 with
   * B-frames about half of them, and their pictures are the same as if everything were decoded).
   * Samples then land on the frames that are decoded; for rates of at most half the frame rate
   * every slot still holds one. Never for a look at one exact frame.
   */
  referencedOnly?: boolean;
  /** Only this stretch of the video (seconds); timestamps stay those of the whole video. */
  startSec?: number;
  durationSec?: number;
  /** Decoder threads (default 2: two cores). Parallel scans of separate stretches use 1 each. */
  threads?: number;
  /** Size of the frames handed to the callback (even numbers; the caller keeps the aspect). */
  width: number;
  height: number;
  /** RGB, 3 bytes a pixel (the storyboard's tiles), instead of the analysis's gray. */
  color?: boolean;
  signal?: AbortSignal;
}

/**
 * Gets a fresh buffer per sample, which it may keep; awaited before the next one is read, so a
 * slow consumer slows ffmpeg down (pipe backpressure) instead of piling frames up in memory.
 * `intact` is false when the frame may not be the true picture (decode-health.ts): decoded from
 * damaged data or after it, or, in a keyframe scan, a "keyframe" that cannot be decoded alone.
 */
export type SampleCallback = (pixels: Uint8Array, width: number, height: number, timestampSec: number, intact: boolean) => void | Promise<void>;

/**
 * Decodes the video once in ONE ffmpeg process and streams gray (or RGB) frames at analysis size, picked
 * by time: the first frame of every 1/rate-second slot (a `select` filter, so a 240 fps clip and a
 * 24 fps clip are sampled alike and low-fps clips are never padded with duplicates). The real
 * presentation time of each frame comes from `showinfo` on stderr, so a sample's timestamp is the
 * frame the renderer will seek to. Autorotation is ffmpeg's default: phone clips come out upright.
 */
export async function sampleFrames(file: string, opts: SampleOptions, onSample: SampleCallback): Promise<{ samples: number }> {
  const { width, height, rate, signal } = opts;
  signal?.throwIfAborted();
  const pixelFormat = opts.color ? "rgb24" : "gray";
  const frameBytes = width * height * (opts.color ? 3 : 1);
  const r = rate.toFixed(6);
  const filters = [
    ...(opts.keyframesOnly ? [] : [`select='isnan(prev_selected_t)+gte(floor(t*${r}),floor(prev_selected_t*${r})+1)'`]),
    `scale=${width}:${height}:flags=area`,
    `format=${pixelFormat}`,
    "showinfo",
  ].join(",");
  const args = [
    "-nostdin", "-hide_banner", "-nostats",
    // showinfo reports at "info"; other info lines are a few header lines per run. The level
    // tag on each line tells the decoder's errors from its chatter (decode-health.ts).
    "-loglevel", "level+info",
    // Two decoder threads for two cores; our scoring runs on Node's thread alongside.
    "-threads", String(opts.threads ?? 2),
    ...(opts.keyframesOnly ? ["-skip_frame", "nokey"] : opts.referencedOnly ? ["-skip_frame", "noref"] : []),
    // Input seeking lands on the keyframe before startSec and decodes forward from there (exact);
    // -copyts keeps the whole video's timestamps, so samples from any stretch line up.
    ...(opts.startSec !== undefined && opts.startSec > 0 ? ["-ss", opts.startSec.toFixed(6), "-copyts"] : []),
    ...(opts.durationSec !== undefined ? ["-t", opts.durationSec.toFixed(6)] : []),
    ...untrustedInput(file),
    "-map", "0:V:0", "-an", "-sn", "-dn",
    "-vf", filters,
    "-fps_mode", "passthrough",
    "-f", "rawvideo", "-pix_fmt", pixelFormat, "pipe:1",
  ];

  const child = spawnTool(resolveFfmpeg(), args);
  const kill = () => child.kill("SIGKILL");
  signal?.addEventListener("abort", kill, { once: true });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
  exited.catch(() => undefined); // awaited below; this only stops an early failure being "unhandled"

  const shown = new ShownQueue();
  let stderrTail = "";
  let partialLine = "";
  const frames = new CheckedFrames(opts.keyframesOnly);
  // A keyframe scan whose decoder decodes every frame anyway costs a full decode on one thread per
  // half for a handful of samples: stopped at once, so the caller scans densely instead.
  let skipIgnored = false;
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text: string) => {
    const lines = (partialLine + text).split("\n");
    partialLine = lines.pop() ?? "";
    for (const line of lines) {
      const checked = frames.read(line);
      if (checked) shown.push(checked);
      else if (!isShowinfoLine(line)) stderrTail = tail(`${stderrTail}${line}\n`, 4000);
    }
    if (!skipIgnored && frames.skipIgnored) {
      skipIgnored = true;
      kill();
    }
  });
  child.stderr.on("close", () => shown.end());

  let samples = 0;
  try {
    let frame = new Uint8Array(frameBytes);
    let filled = 0;
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(frameBytes - filled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled < frameBytes) continue;
        signal?.throwIfAborted();
        const report = await shown.next();
        const timestampSec = report !== null && Number.isFinite(report.timeSec) ? Math.max(0, report.timeSec) : samples / rate;
        await onSample(frame, width, height, timestampSec, report?.intact ?? true);
        samples += 1;
        frame = new Uint8Array(frameBytes);
        filled = 0;
      }
    }
    const exitCode = await exited;
    if (skipIgnored) throw new MediaError("DECODE_FAILED", MEDIA_MESSAGES.DECODE_FAILED, "the decoder does not skip to keyframes: it decodes every frame");
    if (signal?.aborted) throw signal.reason;
    // Nothing decodable at all is a damaged file; failing after some frames is a decoder error.
    // (A later stretch may legitimately hold no frame, e.g. no keyframe after its start.)
    const wholeVideo = !opts.startSec;
    if (samples === 0 && wholeVideo) throw new MediaError("CORRUPT", MEDIA_MESSAGES.CORRUPT, stderrTail.trim() || "no frame decoded");
    if (exitCode !== 0) throw new MediaError("DECODE_FAILED", MEDIA_MESSAGES.DECODE_FAILED, stderrTail.trim());
    return { samples };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  } finally {
    signal?.removeEventListener("abort", kill);
    if (child.exitCode === null && child.signalCode === null) kill();
  }
}

/** What stderr said of each frame, handed out in order; stderr may run a little ahead of stdout or behind it. */
class ShownQueue {
  private readonly queue: CheckedFrame[] = [];
  private waiter: (() => void) | null = null;
  private ended = false;

  push(value: CheckedFrame): void {
    this.queue.push(value);
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  async next(): Promise<CheckedFrame | null> {
    while (this.queue.length === 0 && !this.ended) await new Promise<void>((resolve) => (this.waiter = resolve));
    return this.queue.shift() ?? null;
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }
}
