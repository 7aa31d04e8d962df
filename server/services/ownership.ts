import { and, eq } from "drizzle-orm";
import { UserError } from "~/core/errors";
import type { Db } from "~/db/client";
import { jobs, users, videos, type Job, type Video } from "~/db/schema";

/**
 * Rows are looked up by id AND owner in one query, so another owner's id behaves exactly like
 * an id that does not exist: NOT_FOUND, and nothing about it leaks.
 */
export async function ownedVideo(db: Db, ownerId: string, videoId: string): Promise<Video> {
  const [video] = await db
    .select()
    .from(videos)
    .where(and(eq(videos.id, videoId), eq(videos.ownerId, ownerId)));
  if (!video) throw new UserError("NOT_FOUND", "That video does not exist or has been deleted.");
  return video;
}

export async function ownedJob(db: Db, ownerId: string, jobId: string): Promise<Job> {
  const [job] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, jobId), eq(jobs.ownerId, ownerId)));
  if (!job) throw new UserError("NOT_FOUND", "That job does not exist or has been deleted.");
  return job;
}

/** A job of the viewer's with its video (a job's video is always its owner's too). */
export async function ownedJobWithVideo(db: Db, ownerId: string, jobId: string): Promise<{ job: Job; video: Video }> {
  const job = await ownedJob(db, ownerId, jobId);
  return { job, video: await ownedVideo(db, ownerId, job.videoId) };
}

/** Anonymous visitors get their user row the first time they store something. */
export async function ensureAnonymousOwner(db: Db, ownerId: string): Promise<void> {
  await db.insert(users).values({ id: ownerId, isAnonymous: true }).onConflictDoNothing();
}
