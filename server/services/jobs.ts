import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { UserError } from "~/core/errors";
import { assertJobLimits } from "~/core/job-limits";
import { FORMAT_LABELS, pickParamsSchema, type JobSettings } from "~/core/pick-params";
import { remainingAtPace } from "~/core/processing-rates";
import { chargeVideo, lockOwner } from "~/core/quota";
import { endOpenJob } from "~/core/quota-release";
import { attemptPresumedDeadAfterSec, JOB_TIMING, MAX_DELIVERIES } from "~/core/job-timing";
import type { JobMessage } from "~/core/queue-message";
import type { Shortfall } from "~/core/shortfall";
import { keepUploadAlive } from "~/core/keep-upload-alive";
import { expiryFor } from "~/core/retention-dates";
import { jobFramesPrefix } from "~/core/storage-keys";
import { formatDuration, type TierLimits } from "~/core/tiers";
import { jobs, videos, type Job, type Video } from "~/db/schema";
import { framesOf, type JobDelivery } from "./frames";
import { ownedJob, ownedJobWithVideo, ownedVideo } from "./ownership";
import { assertRunnable } from "./runnable-video";
import type { Services } from "./runtime";

export const createJobInput = pickParamsSchema.extend({ videoId: z.uuid() });
export const jobIdInput = z.object({ jobId: z.uuid() });

export interface JobView {
  id: string;
  videoId: string;
  status: Job["status"];
  stage: Job["stage"];
  progress: number;
  errorReason: string | null;
  /** Why fewer (or poorer) frames than asked for came back; null when the request was met. */
  shortfall: Shortfall | null;
  /** An attempt failed on our side (or died with its worker): which attempt comes next, of how many. */
  retry: { attempt: number; of: number } | null;
  params: JobSettings;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** When the retention sweep removes this job's frames, fixed when it was created. */
  expiresAt: Date;
  /** How long the attempt that finished the job took, claim to commit (core/stage-timings.ts); null until done. */
  processingMs: number | null;
  /** A running job's time left at the pace it has kept so far (server clock); null when unknown. */
  remainingMs: number | null;
  video: { id: string; name: string; durationSec: number | null; width: number | null; height: number | null };
}

/**
 * Which attempt comes next when the last one failed on our side: the job is queued again after a
 * failure, or it is still marked running but its attempt has gone silent (its worker died; the
 * queue brings the job back).
 */
function nextRetryOf(job: Job, now: Date): JobView["retry"] {
  const silentMs = now.getTime() - job.updatedAt.getTime();
  const attemptDied = job.status === "running" && silentMs > attemptPresumedDeadAfterSec(JOB_TIMING) * 1000;
  if (!attemptDied && !(job.status === "queued" && job.attempts > 0)) return null;
  // A job handed back from the dead-letter queue (worker/handler.ts) may go past the usual count.
  return { attempt: job.attempts + 1, of: Math.max(MAX_DELIVERIES, job.attempts + 1) };
}

export function toJobView(job: Job, video: Video, now = new Date()): JobView {
  return {
    id: job.id,
    videoId: job.videoId,
    status: job.status,
    stage: job.stage,
    progress: job.progress,
    errorReason: job.errorReason,
    shortfall: job.shortfall,
    retry: nextRetryOf(job, now),
    params: {
      mode: job.mode,
      quality: job.quality,
      count: job.frameCount,
      minIntervalSec: job.minIntervalSec,
      format: job.outputFormat,
    },
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    expiresAt: job.expiresAt,
    processingMs: job.timings?.totalMs ?? null,
    remainingMs: job.status === "running" && job.startedAt ? remainingAtPace(now.getTime() - job.startedAt.getTime(), job.progress) : null,
    video: {
      id: video.id,
      name: video.originalName,
      durationSec: video.durationSec,
      width: video.width,
      height: video.height,
    },
  };
}

/** The tier's limits on what a job may ask for; the quota is checked under the owner's lock. */
function checkJobAgainstTier(tier: TierLimits, video: Video, input: JobSettings): void {
  if (input.count > tier.maxFramesPerVideo) {
    throw new UserError("BAD_REQUEST", `${tier.label} plan: up to ${tier.maxFramesPerVideo} frames per video.`);
  }
  if (!tier.formats.includes(input.format)) {
    throw new UserError(
      "BAD_REQUEST",
      `${FORMAT_LABELS[input.format]} output is a Pro feature; the ${tier.label} plan delivers ${tier.formats.map((f) => FORMAT_LABELS[f]).join(", ")}.`,
    );
  }
  if (video.durationSec !== null && video.durationSec > tier.maxDurationSec) {
    throw new UserError(
      "BAD_REQUEST",
      `This video is ${formatDuration(video.durationSec)} long; the ${tier.label} limit is ${formatDuration(tier.maxDurationSec)}.`,
    );
  }
}

/**
 * Queues a pick on an uploaded video; the same video can be re-run with other settings. The job
 * and its quota charge are written in one transaction under a lock on the owner's row, so
 * concurrent requests can never exceed the allowance. Pro jobs go to the priority queue.
 */
export async function createJob(
  svc: Services,
  ownerId: string,
  tier: TierLimits,
  input: z.infer<typeof createJobInput>,
): Promise<{ jobId: string }> {
  const video = await ownedVideo(svc.db, ownerId, input.videoId);
  assertRunnable(video);
  checkJobAgainstTier(tier, video, input);

  const jobId = crypto.randomUUID();
  await svc.db.transaction(async (tx) => {
    const now = await lockOwner(tx, ownerId);
    const expiresAt = expiryFor(tier, now);
    await tx.insert(jobs).values({
      id: jobId,
      framesPrefix: jobFramesPrefix(ownerId, jobId),
      videoId: video.id,
      ownerId,
      mode: input.mode,
      quality: input.quality,
      frameCount: input.count,
      minIntervalSec: input.minIntervalSec,
      outputFormat: input.format,
      createdAt: now,
      queuedAt: now,
      updatedAt: now,
      expiresAt,
    });
    // The upload stays as long as the results made from it.
    await tx
      .update(videos)
      .set({ expiresAt: sql`greatest(${videos.expiresAt}, ${expiresAt.toISOString()}::timestamptz)` })
      .where(eq(videos.id, video.id));
    await chargeVideo(tx, { ownerId, videoId: video.id, jobId, tier, now });
    await assertJobLimits(tx, { ownerId, videoId: video.id, tier, now });
  });

  try {
    await keepUploadAlive(svc.s3, svc.env.UPLOADS_BUCKET, video);
  } catch (err) {
    // Not worth refusing the job for: the upload is still there today.
    console.error(`job ${jobId}: could not refresh upload ${video.s3Key}:`, err);
  }

  const message: JobMessage = { jobId };
  const queueUrl = tier.priorityQueue ? svc.env.JOBS_PRIORITY_QUEUE_URL : svc.env.JOBS_QUEUE_URL;
  try {
    await svc.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
  } catch (err) {
    // Nothing will ever pick this job up: say so on the job, and give the allowance back.
    await endOpenJob(
      svc.db,
      jobId,
      { status: "failed", reason: "We could not queue this job. Please try again." },
      () => true,
    );
    throw err;
  }
  return { jobId };
}

export async function getJobView(svc: Services, ownerId: string, jobId: string): Promise<JobView> {
  const { job, video } = await ownedJobWithVideo(svc.db, ownerId, jobId);
  return toJobView(job, video);
}

/** What a job's page polls: the job, and once it is done what it delivered too, so that shows without another request. */
export interface JobStatusView extends JobView {
  delivery: JobDelivery | null;
}

export async function getJobStatus(svc: Services, ownerId: string, jobId: string): Promise<JobStatusView> {
  const { job, video } = await ownedJobWithVideo(svc.db, ownerId, jobId);
  const delivery = job.status === "done" ? await framesOf(svc, job, video) : null;
  return { ...toJobView(job, video), delivery };
}

/**
 * Stops a queued or running job; the worker notices at its next progress write. A job that no
 * worker ever started gives its video's place in the allowance back.
 */
export async function cancelJob(svc: Services, ownerId: string, jobId: string): Promise<JobView> {
  await ownedJob(svc.db, ownerId, jobId);
  await endOpenJob(
    svc.db,
    jobId,
    { status: "cancelled", reason: "Cancelled.", where: eq(jobs.ownerId, ownerId) },
    (job) => job.attempts === 0,
  );
  return getJobView(svc, ownerId, jobId);
}
