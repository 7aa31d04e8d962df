import { eq, sql } from "drizzle-orm";
import { TIERS } from "~/core/tiers";
import type { Db } from "~/db/client";
import { jobs, quotaCharges, users, videos } from "~/db/schema";

export interface ClaimedData {
  videos: number;
  jobs: number;
  quotaCharges: number;
}

/**
 * Moves an anonymous visitor's videos, jobs and quota charges to an account, then deletes the
 * anonymous user row, all in one transaction. The charges move too, so what the visitor used
 * counts against the account's allowance, and the results are kept as long as an account's. S3
 * objects stay where they are: rows keep their keys
 * (uploads' s3Key, jobs' framesPrefix).
 *
 * Does nothing (returns null) unless `visitorId` names an anonymous row and `userId` an account:
 * a cookie can never hand one account's data to another.
 */
export async function claimVisitorData(db: Db, visitorId: string, userId: string): Promise<ClaimedData | null> {
  if (visitorId === userId) return null;
  return db.transaction(async (tx) => {
    // Locked so two sign-ins racing with the same cookie move the rows once.
    const [visitor] = await tx
      .select({ isAnonymous: users.isAnonymous })
      .from(users)
      .where(eq(users.id, visitorId))
      .for("update");
    if (!visitor?.isAnonymous) return null;
    // The account's row too (after the visitor's, the order job creation never inverts): its
    // usage must not change under a job creation counting it.
    const [account] = await tx
      .select({ isAnonymous: users.isAnonymous })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!account || account.isAnonymous) return null;

    // What the guest made is kept as an account's from now on: at least Free's time from when it
    // was made (core/retention-dates.ts), the videos as long as their jobs.
    const accountKeeps = sql.raw(`interval '${TIERS.free.retentionHours} hours'`);
    const movedJobs = await tx
      .update(jobs)
      .set({ ownerId: userId, expiresAt: sql`greatest(${jobs.expiresAt}, ${jobs.createdAt} + ${accountKeeps})` })
      .where(eq(jobs.ownerId, visitorId))
      .returning({ id: jobs.id });
    const movedVideos = await tx
      .update(videos)
      .set({
        ownerId: userId,
        expiresAt: sql`greatest(${videos.expiresAt}, ${videos.createdAt} + ${accountKeeps}, (select max(j.expires_at) from jobs j where j.video_id = ${videos.id}))`,
      })
      .where(eq(videos.ownerId, visitorId))
      .returning({ id: videos.id });
    const movedCharges = await tx
      .update(quotaCharges)
      .set({ ownerId: userId })
      .where(eq(quotaCharges.ownerId, visitorId))
      .returning({ id: quotaCharges.id });
    await tx.delete(users).where(eq(users.id, visitorId));
    return { videos: movedVideos.length, jobs: movedJobs.length, quotaCharges: movedCharges.length };
  });
}
