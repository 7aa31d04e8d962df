import { and, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { frames, jobs, momentRequests, videos, type Job, type MomentRequest, type Video } from "~/db/schema";
import type { NewFrame } from "./job-store";

/** A worker's hold on a hand-picked moment: its writes count only while `attempt` is the latest. */
export interface MomentClaim {
  moment: MomentRequest;
  job: Job;
  video: Video;
  attempt: number;
}

/** Starts an attempt on a queued moment of a job that is still done; null when there is nothing to do. */
export async function claimMoment(db: Db, momentId: string): Promise<MomentClaim | null> {
  const [moment] = await db
    .update(momentRequests)
    .set({ attempts: sql`${momentRequests.attempts} + 1`, updatedAt: new Date() })
    .where(and(eq(momentRequests.id, momentId), eq(momentRequests.status, "queued")))
    .returning();
  if (!moment) return null;
  const [row] = await db
    .select({ job: jobs, video: videos })
    .from(jobs)
    .innerJoin(videos, eq(videos.id, jobs.videoId))
    .where(and(eq(jobs.id, moment.jobId), eq(jobs.status, "done")));
  return row ? { moment, ...row, attempt: moment.attempts } : null;
}

function current(claim: MomentClaim) {
  return and(eq(momentRequests.id, claim.moment.id), eq(momentRequests.status, "queued"), eq(momentRequests.attempts, claim.attempt));
}

/** The rendered moment joins the job's frames, and the request is done, in one transaction. */
export async function completeMoment(db: Db, claim: MomentClaim, frame: NewFrame): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.update(momentRequests).set({ status: "done", updatedAt: new Date() }).where(current(claim)).returning({ id: momentRequests.id });
    if (rows.length === 0) return false;
    await tx.insert(frames).values({ ...frame, jobId: claim.job.id, manual: true });
    return true;
  });
}

/** The moment could not be added; the owner sees why, and the job's other frames are untouched. */
export async function failMoment(db: Db, momentId: string, reason: string): Promise<void> {
  await db
    .update(momentRequests)
    .set({ status: "failed", errorReason: reason, updatedAt: new Date() })
    .where(and(eq(momentRequests.id, momentId), eq(momentRequests.status, "queued")));
}
