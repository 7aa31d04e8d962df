import { mapConcurrently } from "../map-concurrently";
import { sampleFrames } from "../media/sample";
import type { VideoProbe } from "../media/probe";
import { FaceCandidates, type TiledLookBudget } from "./face-candidates";
import type { FrameMeasurer } from "./frame-measurer";
import type { FrameStats } from "./frame-stats";
import type { AnalysisSize } from "./presets";
import type { EyeOpenness, FaceBox, FaceDetector } from "./types";

/** One analysed moment: its statistics, and (profile mode) the faces found, if it was checked. */
export interface Sample {
  timestampSec: number;
  stats: FrameStats;
  faces: FaceBox[] | null;
  /** The largest face's eyes, when they were read on this sample (face-candidates.ts). */
  eyes: EyeOpenness | null;
  /** Which pass produced it: the keyframe scan, a dense window, or a dense scan of everything. */
  source: "keyframe" | "window" | "dense";
  /** False when the decode may not show the true picture (media/decode-health.ts): never a candidate. */
  intact: boolean;
}

export interface ScanContext {
  file: string;
  probe: VideoProbe;
  size: AnalysisSize;
  /** Measures frames off the thread that reads ffmpeg's output; shared by every scan of a pick. */
  measurer: FrameMeasurer;
  signal?: AbortSignal;
  /** Profile mode with a detector: how to choose which samples it sees. */
  faces?: { detector: FaceDetector; minWindowSec: number; perWindow: number; maxChecks: number; tiles?: TiledLookBudget };
  /** Rank of a sample before the whole video is known (higher = more promising), for face checks. */
  provisionalRank: (stats: FrameStats) => number;
  /** Called with the seconds of video covered so far by this scan. */
  onCovered?: (seconds: number) => void;
}

/** Frames handed to the measuring thread and not yet used: enough to keep ffmpeg's pipe drained (~0.5 MB at 480×270). */
const MEASURE_AHEAD = 4;

interface Stretch {
  startSec?: number;
  durationSec?: number;
}

/**
 * Decodes one stretch of the video (or all of it) and measures each sample as it arrives; pixels
 * are kept only for the few face candidates. Returns the samples in time order.
 */
async function scanStretch(ctx: ScanContext, stretch: Stretch, mode: { keyframesOnly: true } | { rate: number }, threads: number, faceChecks: number, source: Sample["source"]): Promise<Sample[]> {
  const { size } = ctx;
  const samples: Sample[] = [];
  const span = stretch.durationSec ?? ctx.probe.durationSec - (stretch.startSec ?? 0);
  const faces =
    ctx.faces && faceChecks > 0
      ? new FaceCandidates(ctx.faces.detector, size.width, size.height, {
          durationSec: Math.max(span, 1e-3),
          minWindowSec: ctx.faces.minWindowSec,
          perWindow: ctx.faces.perWindow,
          maxChecks: faceChecks,
          ...(ctx.faces.tiles ? { tiles: ctx.faces.tiles } : {}),
        })
      : null;
  const start = stretch.startSec ?? 0;
  let handled: Promise<void> = Promise.resolve();
  const ahead: Promise<void>[] = [];
  await sampleFrames(
    ctx.file,
    {
      rate: "rate" in mode ? mode.rate : 1,
      keyframesOnly: "keyframesOnly" in mode,
      // Sampling at most every other frame never needs the frames nothing refers to.
      referencedOnly: "rate" in mode && mode.rate * 2 <= ctx.probe.fps,
      width: size.width,
      height: size.height,
      threads,
      signal: ctx.signal,
      ...stretch,
    },
    async (gray, width, height, timestampSec, intact) => {
      const measured = ctx.measurer.measure(gray, width, height, timestampSec, size.blockPeriod);
      measured.catch(() => undefined); // a failure is thrown where the result is used, below
      // Results are used in time order, while up to MEASURE_AHEAD frames are still being measured.
      const link = handled.then(async () => {
        const { stats, gray: pixels } = await measured;
        const sample: Sample = { timestampSec, stats, faces: null, eyes: null, source, intact };
        samples.push(sample);
        if (faces && intact) await faces.offer(sample, pixels, ctx.provisionalRank(stats), stats.hash);
        ctx.onCovered?.(timestampSec - start);
      });
      link.catch(() => undefined); // likewise: awaited below, or when it reaches the front
      handled = link;
      ahead.push(link);
      if (ahead.length >= MEASURE_AHEAD) await ahead.shift();
    },
  );
  await handled;
  await faces?.finish();
  return samples;
}

/** Every moment at `rate` samples per second, one process with both decoder threads. */
export function denseScan(ctx: ScanContext, rate: number): Promise<Sample[]> {
  return scanStretch(ctx, {}, { rate }, 2, ctx.faces?.maxChecks ?? 0, "dense");
}

/** Below this length one process scans the keyframes; above it, two halves run side by side. */
const SPLIT_SCAN_MIN_SEC = 8;

/**
 * Every keyframe. Keyframe-only decoding runs on one thread whatever -threads says, so on two
 * cores the video is cut in two halves scanned at once (each seek lands on a keyframe, and a
 * half only keeps frames from its own start on, so no keyframe is seen twice).
 */
export async function keyframeScan(ctx: ScanContext): Promise<Sample[]> {
  const duration = ctx.probe.durationSec;
  const checks = ctx.faces?.maxChecks ?? 0;
  if (duration < SPLIT_SCAN_MIN_SEC) return scanStretch(ctx, {}, { keyframesOnly: true }, 2, checks, "keyframe");
  const half = duration / 2;
  let covered = [0, 0];
  const halfCtx = (index: number): ScanContext => ({
    ...ctx,
    onCovered: (seconds) => {
      covered = covered.map((c, i) => (i === index ? seconds : c));
      ctx.onCovered?.(covered[0]! + covered[1]!);
    },
  });
  const [first, second] = await Promise.all([
    scanStretch(halfCtx(0), { durationSec: half }, { keyframesOnly: true }, 1, Math.ceil(checks / 2), "keyframe"),
    scanStretch(halfCtx(1), { startSec: half }, { keyframesOnly: true }, 1, Math.floor(checks / 2), "keyframe"),
  ]);
  return [...first, ...second];
}

export interface Window {
  startSec: number;
  durationSec: number;
}

/**
 * Dense samples inside each window, two windows decoding at a time (one thread each). Each window
 * starts on a keyframe, so its seek decodes nothing before it. In profile mode the best sample of
 * each window is shown to the detector and its answer stands for the window (a face does not come
 * and go within a second).
 */
export async function windowScan(ctx: ScanContext, windows: readonly Window[], rate: number): Promise<Sample[]> {
  let covered = 0;
  const results = await mapConcurrently(windows, 2, async (window) => {
    const samples = await scanStretch({ ...ctx, faces: ctx.faces ? { ...ctx.faces, minWindowSec: window.durationSec + 1 } : undefined, onCovered: undefined }, window, { rate }, 1, ctx.faces ? 1 : 0, "window");
    const checked = samples.find((s) => s.faces !== null);
    if (checked) for (const s of samples) s.faces ??= checked.faces;
    covered += window.durationSec;
    ctx.onCovered?.(covered);
    return samples;
  });
  return results.flat();
}

/**
 * The gray pixels (analysis size) of the frame at `timestampSec`, a sample's own timestamp,
 * decoded again on its own: for a second look at a moment whose pixels were not kept. Null when
 * that frame does not come back, or not intact.
 */
export async function decodeMoment(ctx: Pick<ScanContext, "file" | "probe" | "size" | "signal">, timestampSec: number): Promise<Uint8Array | null> {
  const frameSec = 1 / (ctx.probe.fps > 0 ? ctx.probe.fps : 25);
  let found: Uint8Array | null = null;
  await sampleFrames(
    ctx.file,
    // Every frame of a two-frame stretch around it (a slot per millisecond), one of which is it.
    { rate: 1000, startSec: Math.max(0, timestampSec - frameSec / 2), durationSec: 2 * frameSec, width: ctx.size.width, height: ctx.size.height, signal: ctx.signal },
    (gray, _width, _height, t, intact) => {
      if (found === null && intact && Math.abs(t - timestampSec) < frameSec / 2) found = gray;
    },
  );
  return found;
}
