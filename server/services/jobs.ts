import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { UserError } from "~/core/errors";
import { pickParamsSchema } from "~/core/pick-params";
import type { JobMessage } from "~/core/queue-message";
import { jobFramesPrefix } from "~/core/storage-keys";
import { formatDuration, type TierLimits } from "~/core/tiers";
import { jobs, type Job, type Video } from "~/db/schema";
import { ownedJob, ownedVideo } from "./ownership";
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
  params: { mode: Job["mode"]; quality: Job["quality"]; count: number; minIntervalSec: number };
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  video: { id: string; name: string; durationSec: number | null; width: number | null; height: number | null };
}

export function toJobView(job: Job, video: Video): JobView {
  return {
    id: job.id,
    videoId: job.videoId,
    status: job.status,
    stage: job.stage,
    progress: job.progress,
    errorReason: job.errorReason,
    params: { mode: job.mode, quality: job.quality, count: job.frameCount, minIntervalSec: job.minIntervalSec },
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    video: {
      id: video.id,
      name: video.originalName,
      durationSec: video.durationSec,
      width: video.width,
      height: video.height,
    },
  };
}

/** Queues a pick on an uploaded video; the same video can be re-run with other settings. */
export async function createJob(
  svc: Services,
  ownerId: string,
  tier: TierLimits,
  input: z.infer<typeof createJobInput>,
): Promise<{ jobId: string }> {
  const video = await ownedVideo(svc.db, ownerId, input.videoId);
  if (video.status === "uploading") {
    throw new UserError("PRECONDITION_FAILED", "The upload has not finished yet. Wait for it to complete, then try again.");
  }
  if (video.status === "rejected") {
    throw new UserError("BAD_REQUEST", video.rejectReason ?? "This file cannot be processed.");
  }
  if (input.count > tier.maxFramesPerVideo) {
    throw new UserError("BAD_REQUEST", `${tier.label} plan: up to ${tier.maxFramesPerVideo} frames per video.`);
  }
  if (video.durationSec !== null && video.durationSec > tier.maxDurationSec) {
    throw new UserError(
      "BAD_REQUEST",
      `This video is ${formatDuration(video.durationSec)} long; the ${tier.label} limit is ${formatDuration(tier.maxDurationSec)}.`,
    );
  }

  const jobId = crypto.randomUUID();
  const [job] = await svc.db
    .insert(jobs)
    .values({
      id: jobId,
      framesPrefix: jobFramesPrefix(ownerId, jobId),
      videoId: video.id,
      ownerId,
      mode: input.mode,
      quality: input.quality,
      frameCount: input.count,
      minIntervalSec: input.minIntervalSec,
    })
    .returning();
  if (!job) throw new Error("job insert returned nothing");

  const message: JobMessage = { jobId: job.id };
  try {
    await svc.sqs.send(new SendMessageCommand({ QueueUrl: svc.env.JOBS_QUEUE_URL, MessageBody: JSON.stringify(message) }));
  } catch (err) {
    // Nothing will ever pick this job up: say so on the job instead of leaving it queued.
    await svc.db
      .update(jobs)
      .set({ status: "failed", errorReason: "We could not queue this job. Please try again.", finishedAt: new Date() })
      .where(eq(jobs.id, job.id));
    throw err;
  }
  return { jobId: job.id };
}

export async function getJobView(svc: Services, ownerId: string, jobId: string): Promise<JobView> {
  const job = await ownedJob(svc.db, ownerId, jobId);
  const video = await ownedVideo(svc.db, ownerId, job.videoId);
  return toJobView(job, video);
}

/** Stops a queued or running job; the worker notices at its next progress write. */
export async function cancelJob(svc: Services, ownerId: string, jobId: string): Promise<JobView> {
  await ownedJob(svc.db, ownerId, jobId);
  await svc.db
    .update(jobs)
    .set({ status: "cancelled", errorReason: "Cancelled.", finishedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(jobs.id, jobId), eq(jobs.ownerId, ownerId), inArray(jobs.status, ["queued", "running"])));
  return getJobView(svc, ownerId, jobId);
}
