import type { PickParams } from "~/core/pick-params";
import type { Defect, Shortfall } from "~/core/shortfall";
import type { TimedStage } from "~/core/stage-timings";
import { downsampleTimeline, type TimelinePoint } from "~/core/timeline";
import { MediaError, MEDIA_MESSAGES } from "../media/errors";
import { probeVideo, type VideoProbe } from "../media/probe";
import { timeIn, type StageClock } from "../stage-clock";
import { isNearDuplicate } from "./distinct";
import { lookAt } from "./face-candidates";
import { selectFitFrames } from "./fit-selection";
import { sharedFrameMeasurer } from "./frame-measurer";
import { THUMB_WIDTH, type FrameStats } from "./frame-stats";
import { QUALITY_PRESETS, analysisSize, denseRate, windowLength, type QualityPreset } from "./presets";
import { MIN_FULL_MOTION, isUsable, scoreSample, openEyeRatio, technicalTerms, type VideoNorms } from "./quality";
import { decodeMoment, denseScan, keyframeScan, windowScan, type Sample, type ScanContext, type Window } from "./scan";
import { temporalStats } from "./temporal";
import type { FaceBox, FaceDetector, FramePick, PickStage } from "./types";

export interface PickOptions {
  signal?: AbortSignal;
  /** Called with a fraction in [0, 1] per stage, at most about once per percent. */
  onProgress?: (stage: PickStage, fraction: number) => void;
  /**
   * Profile mode: finds the faces the score is about; without one the face term is left out.
   * Either mode: reads the eyes of the picks, so a blink is never delivered.
   */
  faceDetector?: FaceDetector;
  /** Skip probing when the caller has already probed the file. */
  probe?: VideoProbe;
  /** Times the probe, the scan and the selection (the worker's per-stage timings); give it a timed detector for `faces`. */
  clock?: Pick<StageClock, "time">;
}

export interface PickedFrame extends FramePick {
  /** Profile mode: faces found in this moment, in analysis pixels (see `analysis`); null if not checked. */
  faces: FaceBox[] | null;
  /** The analysis's gray thumbnail of this moment (frame-stats.ts): what its render must show. */
  thumb: Uint8Array;
}

export interface PickResult {
  probe: VideoProbe;
  /** Best first (rank 1 = picks[0]). */
  picks: PickedFrame[];
  /** Why there are fewer picks than asked for (or, with `all-degraded`, why they are poor); null when the request was met. */
  shortfall: Shortfall | null;
  /** How many moments were analysed. */
  samples: number;
  /** How many of them did not decode cleanly and were never candidates. */
  damagedSamples: number;
  /** Size of the analysis frames the face boxes refer to. */
  analysis: { width: number; height: number };
  /** Every clean moment's final score, thinned for the results page (core/timeline.ts). */
  timeline: TimelinePoint[];
}

/** Before the whole video is known, sharpness is judged on its absolute term only. */
const PROVISIONAL_NORMS: VideoNorms = { sharpestBlur: 0.3, fullMotion: MIN_FULL_MOTION, usualBlockiness: null, usualMean: 128, usualEyeRatio: null };
/** A keyframe scan this sparse cannot choose well: scan densely instead (short clips, huge GOPs). */
const MIN_KEYFRAMES_PER_PICK = 2;
/** Face checks are at least this far apart: a face does not come and go faster. */
const MIN_FACE_WINDOW_SEC = 1;
/** Keyframes further apart than this (seconds, on average) miss whole shots and all movement. */
const MAX_KEYFRAME_GAP_SEC = 2.5;
/** Samples per second when a keyframe scan falls back to decoding everything. */
const FALLBACK_DENSE_RATE = 4;
/** Keyframes that were not looked at closely rank a little below the moments that were. */
const UNREFINED_FACTOR = 0.7;

/**
 * Finds the best `params.count` moments of a video, at least `params.minIntervalSec` apart and
 * never two that look alike. How deep it looks depends on the quality preset (presets.ts); every
 * pass streams gray frames at analysis size and keeps only numbers per sample (plus the pixels of
 * a few face candidates), so memory does not grow with the video's length.
 */
export async function pickFrames(file: string, params: PickParams, opts: PickOptions = {}): Promise<PickResult> {
  const { signal } = opts;
  const time = <T>(stage: TimedStage, work: () => Promise<T>) => timeIn(opts.clock, stage, work);
  // Taken first, so on a cold start the thread comes up while the file is probed.
  const measurer = sharedFrameMeasurer();
  const report = progressReporter(opts.onProgress);
  report("probing", 0);
  // No separate first-frame check: the scan decodes the video and fails clearly if it cannot.
  const probe = opts.probe ?? (await time("probe", () => probeVideo(file, signal, { checkFirstFrame: false })));
  report("probing", 1);

  const preset = QUALITY_PRESETS[params.quality];
  const size = analysisSize(probe.width, probe.height, preset.analysisLongSide);
  const withFaces = params.mode === "profile" && opts.faceDetector !== undefined;
  const duration = Math.max(probe.durationSec, 1e-3);
  const ctx: ScanContext = {
    file,
    probe,
    size,
    measurer,
    signal,
    faces: withFaces
      ? {
          detector: opts.faceDetector!,
          minWindowSec: MIN_FACE_WINDOW_SEC,
          perWindow: preset.faceCandidatesPerWindow,
          maxChecks: preset.maxFaceChecks,
          tiles: { left: preset.maxTiledLooks },
        }
      : opts.faceDetector
        ? // Action mode only asks whether the video shows faces at all, for the blink check of its picks.
          { detector: opts.faceDetector, minWindowSec: MIN_FACE_WINDOW_SEC, perWindow: 1, maxChecks: ACTION_FACE_PROBES }
        : undefined,
    provisionalRank: (stats) => provisionalScore(stats),
  };

  report("sampling", 0);
  const scanned = await time("scan", () => scanVideo(ctx, preset, params, duration, (fraction) => report("sampling", fraction)));
  report("sampling", 1);
  // A moment that did not decode cleanly is never a candidate, nor a neighbour to compare with.
  const samples = scanned.filter((s) => s.intact);
  if (samples.length === 0) throw new MediaError("CORRUPT", MEDIA_MESSAGES.CORRUPT, `none of ${scanned.length} samples decoded cleanly`);

  report("scoring", 0);
  signal?.throwIfAborted();
  let scored: ScoredSample[] = [];
  const { picks: chosen, shortfall } = await time("select", async () => {
    scored = scoreSamples(samples, params, size, withFaces);
    let selection = selectFitFrames(scored, params.count, params.minIntervalSec);
    // A pick whose eyes nobody read may be a blink: a blink looks like the read frame next to it,
    // and action mode reads no eyes while it scans (blinks are movement, which it looks for).
    const lookedAgain = new Set<number>();
    while (opts.faceDetector && (await readUnreadEyes(ctx, opts.faceDetector, samples, selection.picks, lookedAgain, EYE_READS_PER_PICK * params.count))) {
      scored = scoreSamples(samples, params, size, withFaces);
      selection = selectFitFrames(scored, params.count, params.minIntervalSec);
    }
    return selection;
  });
  report("scoring", 1);

  return {
    probe,
    picks: chosen.map(({ timestampSec, score, metrics, defect, faces, thumb }) => ({ timestampSec, score, metrics, defect, faces, thumb })),
    shortfall,
    samples: scanned.length,
    damagedSamples: scanned.length - samples.length,
    analysis: { width: size.width, height: size.height },
    timeline: downsampleTimeline(
      scored.map((s) => ({ t: s.timestampSec, score: s.score })),
      duration,
    ),
  };
}

/**
 * Picks looked at again, per frame asked for, at most: each look may swap a blink for another
 * moment, itself unread (the blink's next frame, in a long one), and costs a decode (a seek, from
 * the keyframe before the moment: ~0.35 s at 1080p) and a detector call.
 */
const EYE_READS_PER_PICK = 3;
/**
 * Action mode's face checks while scanning: only to learn whether the video shows faces, so that a
 * faceless video (most action footage) never pays for looking at its picks again.
 */
const ACTION_FACE_PROBES = 4;

/**
 * In a video where faces were found, decodes each pick whose eyes were never read (unless it is
 * known to show no face), finds its faces and reads their eyes on its own pixels, `maxLooks` in
 * all. True when any pick was looked at, so the choice must be made again.
 */
async function readUnreadEyes(ctx: ScanContext, detector: FaceDetector, samples: readonly Sample[], picks: readonly { timestampSec: number }[], lookedAgain: Set<number>, maxLooks: number): Promise<boolean> {
  if (!detector.readEyes || !samples.some((s) => s.faces?.length)) return false;
  let read = false;
  for (const pick of picks) {
    const sample = samples.find((s) => s.timestampSec === pick.timestampSec);
    if (!sample || sample.eyes !== null || sample.faces?.length === 0 || lookedAgain.has(sample.timestampSec) || lookedAgain.size >= maxLooks) continue;
    lookedAgain.add(sample.timestampSec);
    const gray = await decodeMoment(ctx, sample.timestampSec);
    if (!gray) continue;
    // A face found before may have needed the tiled look (a small one): allow it one again.
    const tiles = sample.faces?.length ? { left: 1 } : undefined;
    ({ faces: sample.faces, eyes: sample.eyes } = await lookAt(detector, gray, ctx.size.width, ctx.size.height, tiles));
    read = true;
  }
  return read;
}

/** The passes of a preset, with the keyframe scan's fallback to a dense one when keyframes are too few. */
async function scanVideo(ctx: ScanContext, preset: QualityPreset, params: PickParams, duration: number, progress: (fraction: number) => void): Promise<Sample[]> {
  const rate = denseRate(preset, duration);
  if (preset.scan === "dense") return denseScan({ ...ctx, onCovered: (s) => progress(s / duration) }, rate);

  const windowCount = preset.windowsPerPick * params.count + preset.extraWindows;
  const windowShare = windowCount > 0 ? 0.3 : 0;
  // Only keyframes that decoded alone into a true picture count: a container may call frames
  // keyframes that cannot be decoded alone, and no window may start on one.
  const keyframes = (await keyframeScanIfDecodable({ ...ctx, onCovered: (s) => progress((s / duration) * (1 - windowShare)) })).filter((k) => k.intact);
  // Too few keyframes to choose from (short clips, huge GOPs), or too far apart to see each shot
  // and its movement (and for windows after them to reach most moments): decode everything
  // instead. That costs a plain decode, the least any real look at such a video can cost.
  const keyframeGap = duration / Math.max(1, keyframes.length);
  if (keyframes.length < MIN_KEYFRAMES_PER_PICK * params.count || keyframeGap > MAX_KEYFRAME_GAP_SEC) {
    return denseScan({ ...ctx, onCovered: (s) => progress(s / duration) }, Math.min(rate, FALLBACK_DENSE_RATE));
  }
  keyframes.sort((a, b) => a.timestampSec - b.timestampSec);
  if (windowCount === 0) return keyframes;

  const windows = chooseWindows(keyframes, params, windowCount, windowLength(preset, keyframeGap), duration);
  const total = windows.reduce((sum, w) => sum + w.durationSec, 0);
  // Windows find faces for profile mode's score; action mode's few probes were made on the keyframes.
  const dense = await windowScan({ ...ctx, faces: params.mode === "profile" ? ctx.faces : undefined, onCovered: (s) => progress(1 - windowShare + (windowShare * s) / Math.max(total, 1e-3)) }, windows, preset.denseRate);
  // A window's samples replace the keyframe it starts on.
  const refined = new Set(windows.map((w) => w.startSec));
  return [...keyframes.filter((k) => !refined.has(k.timestampSec)), ...dense].sort((a, b) => a.timestampSec - b.timestampSec);
}

/**
 * The keyframe scan, or nothing when the decoder will not skip frames: Theora's fails every
 * frame it is told to skip, and ffmpeg then gives up; VP9's decodes every frame anyway, which the
 * scan stops at once (sample.ts). The caller falls back to a dense scan.
 */
async function keyframeScanIfDecodable(ctx: ScanContext): Promise<Sample[]> {
  try {
    return await keyframeScan(ctx);
  } catch (error) {
    if (error instanceof MediaError && error.code === "DECODE_FAILED") return [];
    throw error;
  }
}

/**
 * The most promising keyframes, each a different-looking picture where possible (a long still
 * shot should not use up every window), each opening a window up to the next keyframe.
 */
function chooseWindows(keyframes: readonly Sample[], params: PickParams, count: number, windowSec: number, duration: number): Window[] {
  const scored = scoreSamples(keyframes, params, { width: 1, height: 1 }, keyframes.some((k) => k.faces !== null));
  // Fit moments first: a window spent on a blurred or grainy stretch cannot yield a pick.
  const byScore = [...scored].sort((a, b) => Number(a.defect !== null) - Number(b.defect !== null) || b.score - a.score || a.timestampSec - b.timestampSec);
  const chosen: typeof scored = [];
  for (const candidate of byScore) {
    if (chosen.length >= count) break;
    if (!chosen.some((c) => isNearDuplicate(c.hash, candidate.hash))) chosen.push(candidate);
  }
  for (const candidate of byScore) {
    if (chosen.length >= count) break;
    if (!chosen.includes(candidate)) chosen.push(candidate);
  }
  const times = keyframes.map((k) => k.timestampSec);
  return chosen.map((c) => {
    const next = times.find((t) => t > c.timestampSec) ?? duration;
    return { startSec: c.timestampSec, durationSec: Math.max(1e-3, Math.min(windowSec, next - c.timestampSec)) };
  });
}

interface ScoredSample {
  timestampSec: number;
  score: number;
  metrics: Record<string, number>;
  defect: Defect | null;
  hash: Sample["stats"]["hash"];
  thumb: Uint8Array;
  faces: FaceBox[] | null;
}

function scoreSamples(samples: readonly Sample[], params: PickParams, size: { width: number; height: number }, withFaces: boolean): ScoredSample[] {
  const ordered = [...samples].sort((a, b) => a.timestampSec - b.timestampSec);
  const temporal = temporalStats(ordered.map((s) => s.stats), THUMB_WIDTH);
  const norms = videoNormsOf(ordered.map((s) => s.stats), temporal);
  const read = ordered.flatMap((s) => (s.eyes ? [{ hash: s.stats.hash, ratio: s.eyes.ratio }] : []));
  return ordered.map((sample, i) => {
    const lookAlikes = sample.eyes ? read.filter((r) => isNearDuplicate(r.hash, sample.stats.hash)) : [];
    const usualEyeRatio = openEyeRatio(lookAlikes.map((r) => r.ratio), read.map((r) => r.ratio));
    const { score, metrics, defect } = scoreSample(params.mode, { stats: sample.stats, temporal: temporal[i]!, faces: sample.faces, eyes: sample.eyes, width: size.width, height: size.height }, { ...norms, usualEyeRatio }, withFaces);
    const unrefined = sample.source === "keyframe" && samples.some((s) => s.source === "window");
    return { timestampSec: sample.timestampSec, score: unrefined ? score * UNREFINED_FACTOR : score, metrics, defect, hash: sample.stats.hash, thumb: sample.stats.thumb, faces: sample.faces };
  });
}

/** The video's norms; the usual eye ratio depends on the moment (openEyeRatio) and is set per sample. */
function videoNormsOf(stats: readonly FrameStats[], temporal: ReturnType<typeof temporalStats>): Omit<VideoNorms, "usualEyeRatio"> {
  const usable = stats.filter((s, i) => isUsable(s, temporal[i]!));
  const blurs = (usable.length > 0 ? usable : stats).map((s) => s.blur).sort((a, b) => a - b);
  const motions = temporal.map((t) => t.motion).sort((a, b) => a - b);
  const at = (values: number[], q: number) => values[Math.floor(q * (values.length - 1))] ?? 0;
  const blockiness = stats.flatMap((s) => (s.blockiness === null ? [] : [s.blockiness])).sort((a, b) => a - b);
  return {
    sharpestBlur: at(blurs, 0.1),
    fullMotion: Math.max(MIN_FULL_MOTION, at(motions, 0.9)),
    usualBlockiness: blockiness.length > 0 ? at(blockiness, 0.5) : null,
    usualMean: at((usable.length > 0 ? usable : stats).map((s) => s.mean).sort((a, b) => a - b), 0.5),
  };
}

/** Technical quality alone, with absolute norms: what a sample looks like before the rest of the video is known. */
function provisionalScore(stats: FrameStats): number {
  const terms = technicalTerms(stats, PROVISIONAL_NORMS);
  return terms.sharpness * terms.exposure * terms.contrast * terms.artefacts * terms.clean;
}

/** Forwards progress in steps of at least 1 %, always passing the ends of each stage. */
function progressReporter(onProgress: PickOptions["onProgress"]) {
  let lastStage: PickStage | null = null;
  let lastFraction = -1;
  return (stage: PickStage, fraction: number) => {
    if (!onProgress) return;
    const clamped = Math.min(1, Math.max(0, fraction));
    if (stage === lastStage && clamped < lastFraction) return;
    if (stage === lastStage && clamped - lastFraction < 0.01 && clamped !== 1) return;
    if (stage === lastStage && clamped === lastFraction) return;
    lastStage = stage;
    lastFraction = clamped;
    onProgress(stage, clamped);
  };
}
