import { and, eq, inArray, sql } from "drizzle-orm";
import { endOpenJob } from "~/core/quota-release";
import type { Db } from "~/db/client";
import { frames, jobs, OPEN_JOB_STATUSES, videos, type Job, type JobStage, type Video } from "~/db/schema";
import type { VideoProbe } from "./media/probe";
import type { Shortfall } from "~/core/shortfall";
import type { StageTimings } from "~/core/stage-timings";
import type { StoredStoryboard } from "~/core/storyboard";
import type { TimelinePoint } from "~/core/timeline";

/**
 * The worker's writes to a job. Every write after the claim is conditional on the job still
 * being `running` under this attempt's number, so a cancelled job, a deleted video or a newer
 * delivery of the same message (this one having been presumed dead) makes the old attempt stop
 * instead of overwriting anything.
 */
export interface Claim {
  job: Job;
  video: Video;
  attempt: number;
}

/** Starts (or restarts) a job for this delivery; null when there is nothing left to do. */
export async function claimJob(db: Db, jobId: string): Promise<Claim | null> {
  const now = new Date();
  const [job] = await db
    .update(jobs)
    .set({
      status: "running",
      stage: "probing",
      progress: 0,
      errorReason: null,
      attempts: sql`${jobs.attempts} + 1`,
      startedAt: sql`coalesce(${jobs.startedAt}, now())`,
      updatedAt: now,
    })
    .where(and(eq(jobs.id, jobId), inArray(jobs.status, [...OPEN_JOB_STATUSES])))
    .returning();
  if (!job) return null;
  const [video] = await db.select().from(videos).where(eq(videos.id, job.videoId));
  if (!video) return null;
  return { job, video, attempt: job.attempts };
}

function current(claim: Claim) {
  return and(eq(jobs.id, claim.job.id), eq(jobs.status, "running"), eq(jobs.attempts, claim.attempt));
}

/** Records progress; false means the job was cancelled or taken over, and work should stop. */
export async function reportProgress(db: Db, claim: Claim, stage: JobStage, progress: number): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ stage, progress: Math.min(1, Math.max(0, progress)), updatedAt: new Date() })
    .where(current(claim))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Says the attempt is alive (the job view tells a dead one by its silence); false if it lost the job. */
export async function touchJob(db: Db, claim: Claim): Promise<boolean> {
  const rows = await db.update(jobs).set({ updatedAt: new Date() }).where(current(claim)).returning({ id: jobs.id });
  return rows.length > 0;
}

export async function saveProbe(db: Db, videoId: string, probe: VideoProbe): Promise<void> {
  await db
    .update(videos)
    .set({
      durationSec: probe.durationSec,
      fps: probe.fps,
      width: probe.width,
      height: probe.height,
      codec: probe.codec,
      rotation: probe.rotation,
      probedAt: new Date(),
    })
    .where(eq(videos.id, videoId));
}

/** The file itself is unusable: remember why on the video, so re-runs fail at once. */
export async function rejectVideo(db: Db, videoId: string, reason: string): Promise<void> {
  await db.update(videos).set({ status: "rejected", rejectReason: reason }).where(eq(videos.id, videoId));
}

export type NewFrame = Omit<typeof frames.$inferInsert, "id" | "jobId" | "createdAt">;

/**
 * Frames, the final status and the attempt's timings (taken as the commit starts, so without its
 * own) in one transaction; false if this attempt no longer owns the job.
 */
export async function completeJob(
  db: Db,
  claim: Claim,
  rendered: NewFrame[],
  outcome: { shortfall: Shortfall | null; timeline: TimelinePoint[]; timings: StageTimings },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(jobs)
      .set({ status: "done", stage: "done", progress: 1, ...outcome, finishedAt: new Date(), updatedAt: new Date() })
      .where(current(claim))
      .returning({ id: jobs.id });
    if (rows.length === 0) return false;
    await tx.delete(frames).where(eq(frames.jobId, claim.job.id));
    if (rendered.length > 0) await tx.insert(frames).values(rendered.map((f) => ({ ...f, jobId: claim.job.id })));
    return true;
  });
}

/** The storyboard of a job that is done (made after it, worker/process-job.ts); false if the job is gone or was run again meanwhile. */
export async function saveStoryboard(db: Db, jobId: string, storyboard: StoredStoryboard): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ storyboard })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, "done")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * Ends a job as failed with a reason for the user (any attempt may do this while it is open).
 * `cause` decides the quota: a failure on our side gives the video's charge back, one caused by
 * the file (not a video, too long for the tier) keeps it.
 */
export async function failJob(db: Db, jobId: string, reason: string, cause: "ours" | "the-file"): Promise<void> {
  await endOpenJob(db, jobId, { status: "failed", reason }, () => cause === "ours");
}

/** A passing failure: show the job as waiting again until the queue redelivers it. */
export async function requeueJob(db: Db, claim: Claim): Promise<void> {
  await db
    .update(jobs)
    .set({ status: "queued", stage: "queued", progress: 0, queuedAt: new Date(), updatedAt: new Date() })
    .where(current(claim));
}

/** The owner of the job if it is still open (queued or running), else null. */
export async function openJobOwner(db: Db, jobId: string): Promise<{ ownerId: string } | null> {
  const [row] = await db
    .select({ ownerId: jobs.ownerId })
    .from(jobs)
    .where(and(eq(jobs.id, jobId), inArray(jobs.status, [...OPEN_JOB_STATUSES])));
  return row ?? null;
}

/** Whether the job was cancelled or deleted (as opposed to taken over by a newer attempt). */
export async function isJobGoneOrCancelled(db: Db, jobId: string): Promise<boolean> {
  const [row] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, jobId));
  return !row || row.status === "cancelled";
}
