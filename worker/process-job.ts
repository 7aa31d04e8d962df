import type { S3Client } from "@aws-sdk/client-s3";
import { tierForOwner } from "~/core/owner-tier";
import { deletePrefix } from "~/core/storage-cleanup";
import { jobBudgetSec, type JobTiming } from "~/core/job-timing";
import { progressSpans, type ProgressStage } from "~/core/processing-rates";
import { STORYBOARD_TIMEOUT_MS } from "~/core/storyboard";
import { formatDuration } from "~/core/tiers";
import type { Db } from "~/db/client";
import type { JobStage } from "~/db/schema";
import {
  claimJob,
  completeJob,
  failJob,
  isJobGoneOrCancelled,
  rejectVideo,
  reportProgress,
  requeueJob,
  saveProbe,
  saveStoryboard,
  touchJob,
  type Claim,
  type NewFrame,
} from "./job-store";
import { deliverFrame, type FrameDelivery } from "./deliver-frame";
import { jobLogLine } from "./job-log";
import { mapConcurrently } from "./map-concurrently";
import { startWatchdog } from "./job-watchdog";
import { MediaError } from "./media/errors";
import { probeVideo, type VideoProbe } from "./media/probe";
import { outputPolicyFor } from "./output-policy";
import { pickFrames } from "./picker/pick";
import type { FaceDetector } from "./picker/types";
import { downloadToTemp } from "./source-file";
import { makeStoryboard } from "./storyboard/make-storyboard";
import { startStageClock, timedFaceDetector } from "./stage-clock";

export interface WorkerDeps {
  db: Db;
  s3: S3Client;
  env: { UPLOADS_BUCKET: string; FRAMES_BUCKET: string; WORKER_MAX_RECEIVES: number };
  /** Loaded once per process, on the first profile-mode job. */
  faceDetector: () => Promise<FaceDetector>;
  /** Budgets, stall limit and retry delays (core/job-timing.ts). */
  timing: JobTiming;
}

/** What the queue should do with the message: delete it, or let it come back later. */
export type Outcome = "ack" | "retry";

const INTERNAL_FAILURE =
  "Something went wrong on our side while processing this video. Please try again in a few minutes.";

/** Raised when the job was cancelled, deleted or taken over while this attempt worked on it. */
class Superseded extends Error {}

const PROGRESS_WRITE_INTERVAL_MS = 500;
/** Picks rendered at once (grab, encode, crops, upload): a second overlaps the first's waits on two cores. */
const RENDER_CONCURRENCY = 2;

function progressWriter(deps: WorkerDeps, claim: Claim, abort: AbortController, moved: () => void) {
  // Each stage gets the share of the bar it takes of the time, for this preset (measured).
  const spans = progressSpans(claim.job.quality);
  let lastStage: JobStage | undefined;
  let lastStageWrite = 0;
  let lastWrite = Date.now(); // the claim itself
  let pending: Promise<void> = Promise.resolve();
  const write = (update: () => Promise<boolean>) => {
    lastWrite = Date.now();
    pending = pending.then(async () => {
      if (!(await update())) abort.abort(new Superseded());
    });
  };
  // A stage that reports nothing for a while (a long download) still says the attempt is alive.
  const heartbeatMs = deps.timing.heartbeatSec * 1000;
  const alive = setInterval(() => {
    if (Date.now() - lastWrite >= heartbeatMs) write(() => touchJob(deps.db, claim));
  }, heartbeatMs);
  return {
    /** Throttled: a write per stage change, and at most two a second within a stage. */
    report(stage: ProgressStage, fraction: number) {
      moved();
      const now = Date.now();
      if (stage === lastStage && now - lastStageWrite < PROGRESS_WRITE_INTERVAL_MS) return;
      lastStage = stage;
      lastStageWrite = now;
      const [start, span] = spans[stage];
      write(() => reportProgress(deps.db, claim, stage, start + span * Math.min(1, Math.max(0, fraction))));
    },
    async flush() {
      await pending;
      abort.signal.throwIfAborted();
    },
    dispose() {
      clearInterval(alive);
    },
  };
}

/**
 * Runs one delivery of a job's message from start to a final state (or a retry). A watchdog
 * (job-watchdog.ts) stops it past its budget, when its progress stalls, or `hardLimitMs` after it
 * began (the Lambda's remaining time less a margin), and hands the job back for a retry.
 */
export async function processJob(deps: WorkerDeps, jobId: string, receiveCount: number, hardLimitMs = Number.POSITIVE_INFINITY): Promise<Outcome> {
  const claim = await claimJob(deps.db, jobId);
  if (!claim) return "ack"; // Finished, cancelled or deleted: a redelivery has nothing to do.

  const clock = startStageClock();
  clock.add("queueWait", Date.now() - claim.job.queuedAt.getTime());
  const abort = new AbortController();
  const watchdog = startWatchdog(abort, deps.timing, hardLimitMs);
  const progress = progressWriter(deps, claim, abort, watchdog.progressed);
  let source: Awaited<ReturnType<typeof downloadToTemp>> | undefined;
  const attempt = async (): Promise<Outcome> => {
    const tier = await tierForOwner(deps.db, claim.job.ownerId);
    source = await clock.time("download", () => downloadToTemp(deps.s3, deps.env.UPLOADS_BUCKET, claim.video.s3Key, abort.signal));
    const file = source.file;

    progress.report("probing", 0);
    const probe = await clock.time("probe", () => probeVideo(file, abort.signal));
    watchdog.setBudget(jobBudgetSec(deps.timing, probe));
    await saveProbe(deps.db, claim.video.id, probe);
    if (probe.durationSec > tier.maxDurationSec) {
      await failJob(
        deps.db,
        jobId,
        `This video is ${formatDuration(probe.durationSec)} long; the ${tier.label} limit is ${formatDuration(tier.maxDurationSec)}.`,
        "the-file",
      );
      return "ack";
    }

    const params = {
      mode: claim.job.mode,
      quality: claim.job.quality,
      count: claim.job.frameCount,
      minIntervalSec: claim.job.minIntervalSec,
    };
    // Both modes: profile mode ranks by faces, and either mode reads its picks' eyes (no blinks).
    const detector = timedFaceDetector(await clock.time("faceModel", () => deps.faceDetector()), clock);
    const { picks, analysis, shortfall, timeline } = await pickFrames(file, params, {
      probe,
      signal: abort.signal,
      onProgress: (stage, fraction) => progress.report(stage, fraction),
      faceDetector: detector,
      clock,
    });
    await progress.flush();

    const delivery: FrameDelivery = {
      s3: deps.s3,
      bucket: deps.env.FRAMES_BUCKET,
      framesPrefix: claim.job.framesPrefix,
      policy: outputPolicyFor(tier, claim.job.outputFormat),
      // Profile pictures also come as square and 4:5 crops around the face.
      crops: params.mode === "profile" ? { analysis, detector } : null,
      signal: abort.signal,
      clock,
    };
    // Two picks at a time: while one is decoded by its ffmpeg, the other is encoded and uploaded.
    let delivered = 0;
    progress.report("rendering", 0);
    const rendered: NewFrame[] = await mapConcurrently(picks, RENDER_CONCURRENCY, async (pick, i) => {
      const frame = await deliverFrame(delivery, file, pick, i + 1);
      progress.report("rendering", ++delivered / picks.length);
      await progress.flush();
      return frame;
    });

    if (!(await clock.time("commit", () => completeJob(deps.db, claim, rendered, { shortfall, timeline, timings: clock.read() })))) throw new Superseded();
    const timings = clock.read();
    const { durationSec, width, height, codec } = probe;
    const settings = { ...params, format: claim.job.outputFormat };
    console.log(jobLogLine({ jobId, attempt: claim.attempt, video: { durationSec, width, height, codec }, settings, frames: rendered.length, timings }));
    // The contact sheet comes after the frames, so nobody waits for it (the page shows it when it
    // arrives); one that cannot be made costs the sheet, never the frames.
    await addStoryboard(deps, claim, file, probe, delivery.policy.watermark, abort.signal);
    return "ack";
  };
  try {
    // The watchdog wins the race even when something in the attempt never settles.
    return await Promise.race([attempt(), watchdog.expired]);
  } catch (err) {
    return await settleFailure(deps, claim, err, receiveCount);
  } finally {
    watchdog.dispose();
    progress.dispose();
    await source?.dispose();
  }
}

/** Makes the finished job's storyboard and records it; logs and gives up on any failure of its own. */
async function addStoryboard(deps: WorkerDeps, claim: Claim, file: string, probe: VideoProbe, watermark: boolean, signal: AbortSignal): Promise<void> {
  const started = Date.now();
  try {
    const sheetSignal = AbortSignal.any([signal, AbortSignal.timeout(STORYBOARD_TIMEOUT_MS)]);
    const target = { s3: deps.s3, bucket: deps.env.FRAMES_BUCKET, framesPrefix: claim.job.framesPrefix, watermark, signal: sheetSignal };
    const sheet = await makeStoryboard(target, file, probe);
    const saved = await saveStoryboard(deps.db, claim.job.id, sheet);
    console.log(JSON.stringify({ event: "storyboard", jobId: claim.job.id, saved, ms: Date.now() - started, tiles: sheet.tiles.length, bytes: sheet.bytes }));
  } catch (error) {
    console.warn(`job ${claim.job.id}: no storyboard`, error);
  }
}

async function settleFailure(deps: WorkerDeps, claim: Claim, err: unknown, receiveCount: number): Promise<Outcome> {
  const jobId = claim.job.id;
  if (err instanceof Superseded || (err instanceof Error && err.name === "AbortError" && err.cause instanceof Superseded)) {
    // A newer attempt owns the job and writes the same keys: only clean up after a cancel/delete.
    if (await isJobGoneOrCancelled(deps.db, jobId)) {
      await deletePrefix(deps.s3, deps.env.FRAMES_BUCKET, claim.job.framesPrefix);
    }
    return "ack";
  }
  if (err instanceof MediaError) {
    await rejectVideo(deps.db, claim.video.id, err.userMessage);
    await failJob(deps.db, jobId, err.userMessage, "the-file");
    return "ack";
  }
  console.error(`job ${jobId}: attempt ${claim.attempt} failed (delivery ${receiveCount})`, err);
  if (receiveCount >= deps.env.WORKER_MAX_RECEIVES) {
    await failJob(deps.db, jobId, INTERNAL_FAILURE, "ours");
    return "ack";
  }
  await requeueJob(deps.db, claim);
  return "retry";
}
