/**
 * The retention sweep (the tiers' "results kept", core/tiers.ts): a finished job older than its owner's CURRENT
 * tier keeps results loses its frames and row; a video whose last activity is older than that is
 * removed with its upload, frames and rows; uploads that never finished are removed after a day; anonymous
 * visitors with nothing left are forgotten after a month. Quota charges are not touched, so an
 * expired video still counts in its period. Idempotent; safe to run from several places at once.
 */
import { and, eq, gt, inArray, lt, sql, type SQL } from "drizzle-orm";
import { grantsPro } from "~/core/owner-tier";
import { removeVideo, type StorageDeps } from "~/core/remove-video";
import { deletePrefix } from "~/core/storage-cleanup";
import { pruneSignInAttempts } from "~/core/sign-in-attempts";
import { TIERS } from "~/core/tiers";
import { jobs, subscriptions, users, videos, type Video } from "~/db/schema";

const HOUR_MS = 3_600_000;
/** An upload still "uploading" after this is abandoned (the presigned URLs lasted an hour). */
export const STALE_UPLOAD_HOURS = 24;
/** An anonymous visitor with no videos and no charge for this long is forgotten. */
export const FORGET_ANONYMOUS_DAYS = 30;
const BATCH = 100;

export interface SweepResult {
  /** Finished jobs whose results expired on a video that is still in use. */
  expiredJobs: number;
  expiredVideos: number;
  staleUploads: number;
  anonymousUsers: number;
  /** Password sign-in attempts past the rate-limit window. */
  signInAttempts: number;
  /** Videos that could not be removed this time (logged); the next sweep tries again. */
  failed: number;
}

/** The latest of the upload and its jobs' creation and end: results are kept from there. */
const lastActivity = sql`greatest(
  ${videos.createdAt},
  ${videos.uploadedAt},
  (select max(coalesce(j.finished_at, j.created_at)) from jobs j where j.video_id = ${videos.id})
)`;
const noOpenJob = sql`not exists (
  select 1 from jobs j where j.video_id = ${videos.id} and j.status in ('queued', 'running')
)`;

/** Finished videos idle since before `cutoff`, a keyset page at a time. */
function idleVideos(deps: StorageDeps, ownerFilter: SQL, cutoff: Date, afterId: string | null) {
  return deps.db
    .select({ video: videos, lastActivity: sql<Date>`${lastActivity}`.mapWith((v: Date | string) => new Date(v)) })
    .from(videos)
    .innerJoin(users, eq(users.id, videos.ownerId))
    .where(
      and(
        ownerFilter,
        sql`${videos.status} <> 'uploading'`,
        sql`${lastActivity} < ${cutoff.toISOString()}`,
        noOpenJob,
        afterId ? gt(videos.id, afterId) : undefined,
      ),
    )
    .orderBy(videos.id)
    .limit(BATCH);
}

/** Accounts in `ownerIds` that are Pro at `now`, decided by the same rule as everywhere else. */
async function proOwners(deps: StorageDeps, ownerIds: string[], now: Date): Promise<Set<string>> {
  if (ownerIds.length === 0) return new Set();
  const subs = await deps.db.select().from(subscriptions).where(inArray(subscriptions.userId, ownerIds));
  return new Set(subs.filter((s) => grantsPro(s, now)).map((s) => s.userId));
}

/** Removes one video if it is still idle and has no open job (a user may have just re-run it). */
async function removeIfStillIdle(deps: StorageDeps, video: Video, cutoff: Date, reason: string): Promise<boolean> {
  const [still] = await deps.db
    .select({ id: videos.id })
    .from(videos)
    .where(and(eq(videos.id, video.id), sql`${lastActivity} < ${cutoff.toISOString()}`, noOpenJob));
  if (!still) return false;
  await removeVideo(deps, video, reason);
  return true;
}

async function sweepIdleVideos(deps: StorageDeps, now: Date, result: SweepResult): Promise<void> {
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);
  const reason = "Results expired.";
  const remove = async (video: Video, cutoff: Date) => {
    try {
      if (await removeIfStillIdle(deps, video, cutoff, reason)) result.expiredVideos++;
    } catch (err) {
      result.failed++;
      console.error(`retention: could not remove video ${video.id}:`, err);
    }
  };

  // Guests: one retention for all.
  const guestCutoff = ago(TIERS.anonymous.retentionHours);
  for (let after: string | null = null; ; ) {
    const page = await idleVideos(deps, eq(users.isAnonymous, true), guestCutoff, after);
    for (const { video } of page) await remove(video, guestCutoff);
    if (page.length < BATCH) break;
    after = page.at(-1)!.video.id;
  }

  // Accounts: everything past the shorter account retention, then Pro owners keep theirs longer.
  const accountHours = { free: TIERS.free.retentionHours, pro: TIERS.pro.retentionHours };
  const shortest = ago(Math.min(accountHours.free, accountHours.pro));
  for (let after: string | null = null; ; ) {
    const page = await idleVideos(deps, eq(users.isAnonymous, false), shortest, after);
    const pro = await proOwners(deps, [...new Set(page.map((r) => r.video.ownerId))], now);
    for (const { video, lastActivity: last } of page) {
      const cutoff = ago(pro.has(video.ownerId) ? accountHours.pro : accountHours.free);
      if (last < cutoff) await remove(video, cutoff);
    }
    if (page.length < BATCH) break;
    after = page.at(-1)!.video.id;
  }
}

/** When a job ended (cancelled-before-start jobs have no finish time of their own). */
const jobEnd = sql<Date>`coalesce(${jobs.finishedAt}, ${jobs.createdAt})`.mapWith((v: Date | string) => new Date(v));

/** Finished jobs that ended before `cutoff` (owner filter by tier), a keyset page at a time. */
function finishedJobsBefore(deps: StorageDeps, ownerFilter: SQL, cutoff: Date, afterId: string | null) {
  return deps.db
    .select({ id: jobs.id, ownerId: jobs.ownerId, framesPrefix: jobs.framesPrefix, endedAt: jobEnd })
    .from(jobs)
    .innerJoin(users, eq(users.id, jobs.ownerId))
    .where(
      and(
        ownerFilter,
        inArray(jobs.status, ["done", "failed", "cancelled"]),
        sql`${jobEnd} < ${cutoff.toISOString()}`,
        afterId ? gt(jobs.id, afterId) : undefined,
      ),
    )
    .orderBy(jobs.id)
    .limit(BATCH);
}

/**
 * Results are kept per job: on a video that is re-run now and then, each job's frames expire on
 * their own schedule (and before the S3 backstop, which counts from when they were written).
 */
async function sweepExpiredJobs(deps: StorageDeps, now: Date, result: SweepResult): Promise<void> {
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR_MS);
  const remove = async (job: { id: string; framesPrefix: string }) => {
    try {
      await deletePrefix(deps.s3, deps.env.FRAMES_BUCKET, job.framesPrefix);
      // Only if it is still finished: a job is never reopened, but the row may have gone with its video.
      const gone = await deps.db
        .delete(jobs)
        .where(and(eq(jobs.id, job.id), inArray(jobs.status, ["done", "failed", "cancelled"])))
        .returning({ id: jobs.id });
      result.expiredJobs += gone.length;
    } catch (err) {
      result.failed++;
      console.error(`retention: could not remove job ${job.id}:`, err);
    }
  };

  const guestCutoff = ago(TIERS.anonymous.retentionHours);
  for (let after: string | null = null; ; ) {
    const page = await finishedJobsBefore(deps, eq(users.isAnonymous, true), guestCutoff, after);
    for (const job of page) await remove(job);
    if (page.length < BATCH) break;
    after = page.at(-1)!.id;
  }

  const shortest = ago(Math.min(TIERS.free.retentionHours, TIERS.pro.retentionHours));
  for (let after: string | null = null; ; ) {
    const page = await finishedJobsBefore(deps, eq(users.isAnonymous, false), shortest, after);
    const pro = await proOwners(deps, [...new Set(page.map((j) => j.ownerId))], now);
    for (const job of page) {
      if (job.endedAt < ago(pro.has(job.ownerId) ? TIERS.pro.retentionHours : TIERS.free.retentionHours)) await remove(job);
    }
    if (page.length < BATCH) break;
    after = page.at(-1)!.id;
  }
}

async function sweepStaleUploads(deps: StorageDeps, now: Date, result: SweepResult): Promise<void> {
  const cutoff = new Date(now.getTime() - STALE_UPLOAD_HOURS * HOUR_MS);
  for (let after: string | null = null; ; ) {
    const page = await deps.db
      .select()
      .from(videos)
      .where(and(eq(videos.status, "uploading"), lt(videos.createdAt, cutoff), after ? gt(videos.id, after) : undefined))
      .orderBy(videos.id)
      .limit(BATCH);
    for (const video of page) {
      try {
        // Aborts the open multipart upload (its parts cost storage) and deletes any object.
        await removeVideo(deps, video, "The upload never finished.");
        result.staleUploads++;
      } catch (err) {
        result.failed++;
        console.error(`retention: could not remove stale upload ${video.id}:`, err);
      }
    }
    if (page.length < BATCH) break;
    after = page.at(-1)!.id;
  }
}

/** Anonymous users with no videos and no recent charge; their old charges go with them. */
async function forgetAnonymousUsers(deps: StorageDeps, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - FORGET_ANONYMOUS_DAYS * 24 * HOUR_MS).toISOString();
  let forgotten = 0;
  for (;;) {
    const rows = await deps.db.execute<{ id: string }>(sql`
      delete from users where id in (
        select u.id from users u
        where u.is_anonymous and u.created_at < ${cutoff}
          and not exists (select 1 from videos v where v.owner_id = u.id)
          and not exists (select 1 from quota_charges c where c.owner_id = u.id and c.created_at >= ${cutoff})
        limit 1000
      )
      returning id`);
    forgotten += rows.rows.length;
    if (rows.rows.length < 1000) return forgotten;
  }
}

export async function sweepExpired(deps: StorageDeps, now: Date = new Date()): Promise<SweepResult> {
  const result: SweepResult = { expiredJobs: 0, expiredVideos: 0, staleUploads: 0, anonymousUsers: 0, signInAttempts: 0, failed: 0 };
  await sweepExpiredJobs(deps, now, result);
  await sweepIdleVideos(deps, now, result);
  await sweepStaleUploads(deps, now, result);
  result.anonymousUsers = await forgetAnonymousUsers(deps, now);
  result.signInAttempts = await pruneSignInAttempts(deps.db, now);
  return result;
}
