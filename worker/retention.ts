/**
 * The retention sweep (the tiers' "results kept", dated when the results are made:
 * core/retention-dates.ts): a finished job past its date loses its frames and row; a video past its
 * date (which its jobs move later) is removed with its upload, frames and rows; uploads that never
 * finished are removed after a day; anonymous visitors with nothing left are forgotten after a
 * month. Quota charges are not touched, so an expired video still counts in its period.
 * Idempotent; safe to run from several places at once.
 */
import { DeleteObjectsCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { removeVideo, type StorageDeps } from "~/core/remove-video";
import { deletePrefix } from "~/core/storage-cleanup";
import { pruneIpLimitHits } from "~/core/ip-limits";
import { pruneSignInAttempts } from "~/core/sign-in-attempts";
import { FRAMES_PREFIX, framesPrefixOf, UPLOAD_URL_TTL_SEC, UPLOADS_PREFIX } from "~/core/storage-keys";
import { FINISHED_JOB_STATUSES, jobs, OPEN_JOB_STATUSES, videos, type Video } from "~/db/schema";

const HOUR_MS = 3_600_000;
/** An upload still "uploading" after this is abandoned (the presigned URLs lasted an hour). */
export const STALE_UPLOAD_HOURS = 24;
/** An anonymous visitor with no videos and no charge for this long is forgotten. */
export const FORGET_ANONYMOUS_DAYS = 30;
const BATCH = 100;
/** Beyond the upload URLs' life, for clocks that disagree a little. */
const ORPHAN_MARGIN_SEC = 10 * 60;

export interface SweepResult {
  /** Finished jobs whose results expired on a video that is still in use. */
  expiredJobs: number;
  expiredVideos: number;
  staleUploads: number;
  /** Objects whose video or job row is gone (orphans: see sweepOrphans). */
  orphans: number;
  anonymousUsers: number;
  /** Password sign-in attempts past the rate-limit window. */
  signInAttempts: number;
  /** Per-IP counts whose window is over (core/ip-limits.ts). */
  ipLimitHits: number;
  /** Videos that could not be removed this time (logged); the next sweep tries again. */
  failed: number;
}

const noOpenJob = sql`not exists (
  select 1 from jobs j where j.video_id = ${videos.id} and j.status in (${sql.join(
    OPEN_JOB_STATUSES.map((status) => sql`${status}`),
    sql`, `,
  )})
)`;

/** Finished videos past their date with no open job, a keyset page at a time. */
function expiredVideos(deps: StorageDeps, now: Date, afterId: string | null) {
  return deps.db
    .select()
    .from(videos)
    .where(and(sql`${videos.status} <> 'uploading'`, lt(videos.expiresAt, now), noOpenJob, afterId ? gt(videos.id, afterId) : undefined))
    .orderBy(videos.id)
    .limit(BATCH);
}

/** Removes one video if it is still past its date with no open job (a user may have just re-run it, which moves the date). */
async function removeIfStillExpired(deps: StorageDeps, video: Video, now: Date): Promise<boolean> {
  const [still] = await deps.db
    .select({ id: videos.id })
    .from(videos)
    .where(and(eq(videos.id, video.id), lt(videos.expiresAt, now), noOpenJob));
  if (!still) return false;
  await removeVideo(deps, video, "Results expired.");
  return true;
}

async function sweepExpiredVideos(deps: StorageDeps, now: Date, result: SweepResult): Promise<void> {
  for (let after: string | null = null; ; ) {
    const page = await expiredVideos(deps, now, after);
    for (const video of page) {
      try {
        if (await removeIfStillExpired(deps, video, now)) result.expiredVideos++;
      } catch (err) {
        result.failed++;
        console.error(`retention: could not remove video ${video.id}:`, err);
      }
    }
    if (page.length < BATCH) break;
    after = page.at(-1)!.id;
  }
}

/**
 * Results are kept per job: on a video that is re-run now and then, each job's frames go on their
 * own date (and before the S3 backstop, which counts from when they were written).
 */
async function sweepExpiredJobs(deps: StorageDeps, now: Date, result: SweepResult): Promise<void> {
  for (let after: string | null = null; ; ) {
    const page = await deps.db
      .select({ id: jobs.id, framesPrefix: jobs.framesPrefix })
      .from(jobs)
      .where(and(inArray(jobs.status, [...FINISHED_JOB_STATUSES]), lt(jobs.expiresAt, now), after ? gt(jobs.id, after) : undefined))
      .orderBy(jobs.id)
      .limit(BATCH);
    for (const job of page) {
      try {
        await deletePrefix(deps.s3, deps.env.FRAMES_BUCKET, job.framesPrefix);
        // Only if it is still finished: a job is never reopened, but the row may have gone with its video.
        const gone = await deps.db
          .delete(jobs)
          .where(and(eq(jobs.id, job.id), inArray(jobs.status, [...FINISHED_JOB_STATUSES])))
          .returning({ id: jobs.id });
        result.expiredJobs += gone.length;
      } catch (err) {
        result.failed++;
        console.error(`retention: could not remove job ${job.id}:`, err);
      }
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

/**
 * Objects whose row is gone: a PUT through an upload URL signed before the upload was cancelled
 * (S3 cannot revoke a presigned URL), or frames written by an attempt that lost the race with a
 * cancel or a delete. Only objects older than any upload URL can live are touched, so an upload in
 * flight is never mistaken for one.
 */
async function sweepOrphans(deps: StorageDeps, now: Date): Promise<number> {
  const cutoff = now.getTime() - (UPLOAD_URL_TTL_SEC + ORPHAN_MARGIN_SEC) * 1000;
  const sweepBucket = async (bucket: string, prefix: string, ownerOf: (key: string) => string | null, known: (owners: string[]) => Promise<Set<string>>) => {
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await deps.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      const old = (page.Contents ?? []).filter((o) => o.Key && o.LastModified && o.LastModified.getTime() < cutoff).map((o) => o.Key!);
      const live = await known([...new Set(old.flatMap((key) => ownerOf(key) ?? []))]);
      // A key outside the layout has no owner to look for: left alone, not guessed at.
      const orphans = old.filter((key) => ownerOf(key) !== null && !live.has(ownerOf(key)!));
      if (orphans.length > 0) {
        await deps.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: orphans.map((Key) => ({ Key })), Quiet: true } }));
        removed += orphans.length;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return removed;
  };
  const uploads = await sweepBucket(deps.env.UPLOADS_BUCKET, UPLOADS_PREFIX, (key) => key, async (keys) => {
    if (keys.length === 0) return new Set();
    const rows = await deps.db.select({ key: videos.s3Key }).from(videos).where(inArray(videos.s3Key, keys));
    return new Set(rows.map((r) => r.key));
  });
  const frames = await sweepBucket(deps.env.FRAMES_BUCKET, FRAMES_PREFIX, framesPrefixOf, async (prefixes) => {
    if (prefixes.length === 0) return new Set();
    const rows = await deps.db.select({ prefix: jobs.framesPrefix }).from(jobs).where(inArray(jobs.framesPrefix, prefixes));
    return new Set(rows.map((r) => r.prefix));
  });
  return uploads + frames;
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
  const result: SweepResult = { expiredJobs: 0, expiredVideos: 0, staleUploads: 0, orphans: 0, anonymousUsers: 0, signInAttempts: 0, ipLimitHits: 0, failed: 0 };
  await sweepExpiredJobs(deps, now, result);
  await sweepExpiredVideos(deps, now, result);
  await sweepStaleUploads(deps, now, result);
  try {
    result.orphans = await sweepOrphans(deps, now);
  } catch (err) {
    result.failed++;
    console.error("retention: could not sweep orphaned objects:", err);
  }
  result.anonymousUsers = await forgetAnonymousUsers(deps, now);
  result.signInAttempts = await pruneSignInAttempts(deps.db, now);
  result.ipLimitHits = await pruneIpLimitHits(deps.db, now);
  return result;
}
