/**
 * Giving a charge back. A job that fails for a reason that is not the user's (our bug, a queue
 * that would not take it, a worker that died on every delivery) or that the user cancels before
 * it ever started returns the video's place in the allowance; a failure caused by the file does not.
 */
import { and, asc, eq, gte, inArray, isNull, ne, notExists, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client";
import { jobs, OPEN_JOB_STATUSES, quotaCharges, users, type Job } from "~/db/schema";
import { lockOwner, type DbTx } from "./quota";

export type ReleaseOutcome = "released" | "handed-over" | "none";

/**
 * Releases the charge `jobId` holds. If a re-run of the same video, created after the charge
 * and riding on it for free, is still queued, running or done, the charge moves to that job
 * instead: otherwise "queue, re-run, cancel the first" would process a video for nothing.
 */
export async function releaseJobCharge(tx: DbTx, jobId: string): Promise<ReleaseOutcome> {
  const [charge] = await tx
    .select({ ownerId: quotaCharges.ownerId })
    .from(quotaCharges)
    .where(and(eq(quotaCharges.jobId, jobId), isNull(quotaCharges.releasedAt)));
  if (!charge) return "none";
  // Same lock as job creation, so no re-run can slip in between the check and the release.
  const now = await lockOwner(tx, charge.ownerId);
  const [held] = await tx
    .select()
    .from(quotaCharges)
    .where(and(eq(quotaCharges.jobId, jobId), isNull(quotaCharges.releasedAt)))
    .for("update");
  if (!held) return "none";

  const otherCharges = tx.select({ one: sql`1` }).from(quotaCharges).where(eq(quotaCharges.jobId, jobs.id));
  const [heir] = await tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.videoId, held.videoId),
        ne(jobs.id, jobId),
        inArray(jobs.status, ["queued", "running", "done"]),
        gte(jobs.createdAt, held.createdAt),
        notExists(otherCharges),
      ),
    )
    .orderBy(asc(jobs.createdAt))
    .limit(1);
  if (heir) {
    await tx.update(quotaCharges).set({ jobId: heir.id }).where(eq(quotaCharges.id, held.id));
    return "handed-over";
  }
  await tx.update(quotaCharges).set({ releasedAt: now }).where(eq(quotaCharges.id, held.id));
  return "released";
}

/**
 * Locks the users row of the job's owner before the job row, the order job creation and the
 * sign-in claim (which moves a visitor's jobs to the account) lock in, so none of them can
 * deadlock. Retries when the job changed hands while we waited.
 */
async function lockJobOwner(tx: DbTx, jobId: string): Promise<void> {
  const ownerOf = async () => (await tx.select({ ownerId: jobs.ownerId }).from(jobs).where(eq(jobs.id, jobId)))[0]?.ownerId;
  for (let attempt = 0; attempt < 3; attempt++) {
    const ownerId = await ownerOf();
    if (!ownerId) return;
    const [locked] = await tx.select({ id: users.id }).from(users).where(eq(users.id, ownerId)).for("update");
    if (locked && (await ownerOf()) === ownerId) return;
  }
  throw new Error(`job ${jobId} keeps changing owner`);
}

/**
 * Ends a job that is still open (queued or running) as failed or cancelled, and in the same
 * transaction releases its charge when `refund` says so for the row as it ended. Returns the
 * ended job, or null when it had already ended (then nothing changes).
 */
export async function endOpenJob(
  db: Db,
  jobId: string,
  end: { status: "failed" | "cancelled"; reason: string; where?: SQL },
  refund: (job: Job) => boolean,
): Promise<Job | null> {
  return db.transaction(async (tx) => {
    await lockJobOwner(tx, jobId);
    const now = new Date();
    const [job] = await tx
      .update(jobs)
      .set({ status: end.status, errorReason: end.reason, finishedAt: now, updatedAt: now })
      .where(and(eq(jobs.id, jobId), inArray(jobs.status, [...OPEN_JOB_STATUSES]), end.where))
      .returning();
    if (!job) return null;
    if (refund(job)) await releaseJobCharge(tx, job.id);
    return job;
  });
}
