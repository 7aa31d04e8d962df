import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { videos } from "~/db/schema";

/**
 * What a change of plan leaves in place: every video (with its upload, jobs and frames) keeps the
 * date fixed when it was made (core/retention-dates.ts), so ending Pro deletes nothing early. The
 * billing page shows this before and after a cancellation: how many are kept, which goes first
 * and when, and when the last one goes.
 */
export interface RetentionOutlook {
  /** Uploaded videos not yet past their date (an upload never finished or a refused file is no result to keep). */
  videos: number;
  /** The first of them to be deleted, or null with none. */
  first: { name: string; expiresAt: Date } | null;
  /** When the last of them is deleted, or null with none. */
  lastExpiresAt: Date | null;
}

/** One query: the soonest video, with the count and the latest date over all of the owner's kept videos. */
export async function retentionOutlook(db: Db, ownerId: string, now: Date = new Date()): Promise<RetentionOutlook> {
  const [row] = await db
    .select({
      name: videos.originalName,
      expiresAt: videos.expiresAt,
      count: sql<number>`count(*) over ()`.mapWith(Number),
      last: sql<Date>`max(${videos.expiresAt}) over ()`.mapWith((value: string | Date) => new Date(value)),
    })
    .from(videos)
    .where(and(eq(videos.ownerId, ownerId), eq(videos.status, "uploaded"), gt(videos.expiresAt, now)))
    .orderBy(asc(videos.expiresAt), asc(videos.createdAt))
    .limit(1);
  if (!row) return { videos: 0, first: null, lastExpiresAt: null };
  return { videos: row.count, first: { name: row.name, expiresAt: row.expiresAt }, lastExpiresAt: row.last };
}
