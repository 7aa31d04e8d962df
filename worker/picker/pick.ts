import type { PickParams } from "~/core/pick-params";
import { probeVideo, type VideoProbe } from "../media/probe";
import { sampleFrames } from "../media/sample";
import { cannyEdgeDensity } from "./edges";
import { frameSignature, selectDistinctFrames } from "./distinct";
import { FaceCandidates } from "./face-candidates";
import { centreStd, laplacianVariance, meanAbsDiff, meanBrightness, quadrantSpread, stdDev } from "./metrics";
import { QUALITY_PRESETS, analysisSize, samplingRate } from "./presets";
import { scoreAction, scoreProfile, type ActionMeasurements, type ProfileMeasurements } from "./score";
import type { FaceBox, FaceDetector, FramePick, PickStage } from "./types";

export interface PickOptions {
  signal?: AbortSignal;
  /** Called with a fraction in [0, 1] per stage, at most about once per percent. */
  onProgress?: (stage: PickStage, fraction: number) => void;
  /** Profile mode only; without one the face term is left out of the score. */
  faceDetector?: FaceDetector;
  /** Skip probing when the caller has already probed the file. */
  probe?: VideoProbe;
}

export interface PickResult {
  probe: VideoProbe;
  /** Best first (rank 1 = picks[0]). */
  picks: FramePick[];
  /** How many moments were analysed. */
  samples: number;
}

/** Everything kept per sample: numbers and a 256-byte thumbnail signature, never the frame. */
interface SampleRecord {
  timestampSec: number;
  signature: Uint8Array;
  profile?: ProfileMeasurements;
  action?: ActionMeasurements;
  faces: FaceBox[] | null;
}

/**
 * Finds the best `params.count` moments of a video, at least `params.minIntervalSec` apart and
 * never two that look alike. One streamed decode at analysis resolution; each sample is measured
 * as it arrives and only its numbers are kept, so memory does not grow with the video's length.
 */
export async function pickFrames(file: string, params: PickParams, opts: PickOptions = {}): Promise<PickResult> {
  const { signal } = opts;
  const report = progressReporter(opts.onProgress);
  report("probing", 0);
  const probe = opts.probe ?? (await probeVideo(file, signal));
  report("probing", 1);

  const preset = QUALITY_PRESETS[params.quality];
  const size = analysisSize(probe.width, probe.height, preset.analysisLongSide);
  const area = size.width * size.height;
  const faces =
    params.mode === "profile" && opts.faceDetector
      ? new FaceCandidates(opts.faceDetector, size.width, size.height, {
          durationSec: probe.durationSec,
          minIntervalSec: params.minIntervalSec,
          perWindow: preset.faceCandidatesPerWindow,
          maxChecks: preset.maxFaceChecks,
        })
      : null;

  const records: SampleRecord[] = [];
  let previous: Uint8Array | null = null;
  report("sampling", 0);
  await sampleFrames(
    file,
    { rate: samplingRate(preset, probe.durationSec), width: size.width, height: size.height, signal },
    async (gray, width, height, timestampSec) => {
      const base = { laplacianVariance: laplacianVariance(gray, width, height), meanBrightness: meanBrightness(gray), contrastStd: stdDev(gray, width, height) };
      const record: SampleRecord = { timestampSec, signature: frameSignature(gray, width, height), faces: null };
      if (params.mode === "profile") {
        record.profile = { ...base, centreStd: centreStd(gray, width, height) };
        if (faces) await faces.offer(record, gray, scoreProfile(record.profile, [], area, preset.sharpnessThreshold).score);
      } else {
        record.action = {
          ...base,
          edgeDensity: cannyEdgeDensity(gray, width, height),
          quadrantSpread: quadrantSpread(gray, width, height),
          motionDiff: previous ? meanAbsDiff(previous, gray) : null,
        };
        previous = gray;
      }
      records.push(record);
      report("sampling", timestampSec / probe.durationSec);
    },
  );
  report("sampling", 1);

  report("scoring", 0);
  await faces?.finish();
  signal?.throwIfAborted();
  const scored = records.map((record) => {
    const { score, metrics } = record.action
      ? scoreAction(record.action, preset.sharpnessThreshold)
      : // With a detector, samples it never looked at count as "no face"; without one, faces stay unknown.
        scoreProfile(record.profile!, record.faces ?? (faces ? [] : null), area, preset.sharpnessThreshold);
    return { timestampSec: record.timestampSec, signature: record.signature, score, metrics };
  });
  const chosen = selectDistinctFrames(scored, params.count, params.minIntervalSec);
  report("scoring", 1);

  return {
    probe,
    picks: chosen.map(({ timestampSec, score, metrics }) => ({ timestampSec, score, metrics })),
    samples: records.length,
  };
}

/** Forwards progress in steps of at least 1 %, always passing the ends of each stage. */
function progressReporter(onProgress: PickOptions["onProgress"]) {
  let lastStage: PickStage | null = null;
  let lastFraction = -1;
  return (stage: PickStage, fraction: number) => {
    if (!onProgress) return;
    const clamped = Math.min(1, Math.max(0, fraction));
    if (stage === lastStage && clamped - lastFraction < 0.01 && clamped !== 1) return;
    if (stage === lastStage && clamped === lastFraction) return;
    lastStage = stage;
    lastFraction = clamped;
    onProgress(stage, clamped);
  };
}
