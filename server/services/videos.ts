import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { removeVideo } from "~/core/remove-video";
import { frames, jobs, videos, type Video } from "~/db/schema";
import { toJobView, type JobView } from "./jobs";
import { ownedVideo } from "./ownership";
import { presignRead } from "./presign";
import { assertRunnable } from "./runnable-video";
import type { Services } from "./runtime";

export interface VideoListItem {
  id: string;
  name: string;
  sizeBytes: number;
  status: Video["status"];
  rejectReason: string | null;
  createdAt: Date;
  /** When the video, its upload and everything made from it are removed (core/retention-dates.ts). */
  expiresAt: Date;
  durationSec: number | null;
  width: number | null;
  height: number | null;
  thumbUrl: string | null;
  jobs: Array<Omit<JobView, "video" | "videoId" | "finishedAt" | "startedAt"> & { frameCount: number }>;
}

/** The viewer's videos, newest first, each with its jobs and the best frame of its latest result. */
export async function listVideos(svc: Services, ownerId: string): Promise<{ videos: VideoListItem[] }> {
  const vids = await svc.db
    .select()
    .from(videos)
    .where(eq(videos.ownerId, ownerId))
    .orderBy(desc(videos.createdAt))
    .limit(200);
  if (vids.length === 0) return { videos: [] };
  const ids = vids.map((v) => v.id);
  const jobRows = await svc.db
    .select({
      job: jobs,
      // Column refs are qualified by hand: inside a subquery drizzle renders them bare, and a
      // bare "id" would resolve to frames.id.
      frameCount: sql<number>`(select count(*)::int from ${frames} f where f.job_id = ${jobs}.id)`,
      bestThumb: sql<string | null>`(select f.thumb_key from ${frames} f where f.job_id = ${jobs}.id and f.rank = 1)`,
    })
    .from(jobs)
    .where(and(eq(jobs.ownerId, ownerId), inArray(jobs.videoId, ids)))
    .orderBy(desc(jobs.createdAt));

  const items = await Promise.all(
    vids.map(async (v) => {
      const own = jobRows.filter((r) => r.job.videoId === v.id);
      const thumbKey = own.find((r) => r.bestThumb)?.bestThumb ?? null;
      return {
        id: v.id,
        name: v.originalName,
        sizeBytes: v.sizeBytes,
        status: v.status,
        rejectReason: v.rejectReason,
        createdAt: v.createdAt,
        expiresAt: v.expiresAt,
        durationSec: v.durationSec,
        width: v.width,
        height: v.height,
        thumbUrl: thumbKey ? await presignRead(svc.s3, svc.env.FRAMES_BUCKET, thumbKey) : null,
        jobs: own.map((r) => {
          const { video: _v, videoId: _id, finishedAt: _f, startedAt: _s, ...rest } = toJobView(r.job, v);
          return { ...rest, frameCount: r.frameCount };
        }),
      };
    }),
  );
  return { videos: items };
}

/** An uploaded video, ready for a new job: what the configure step shows about it. */
export interface ReadyVideoView {
  videoId: string;
  name: string;
  sizeBytes: number;
  durationSec: number | null;
  width: number | null;
  height: number | null;
}

/**
 * One of the viewer's videos, to pick frames from without uploading it again (My videos' "Find
 * best frames"). Refused with the same words job.create would use when it cannot be run.
 */
export async function readyVideo(svc: Services, ownerId: string, videoId: string): Promise<ReadyVideoView> {
  const video = await ownedVideo(svc.db, ownerId, videoId);
  assertRunnable(video);
  return { videoId: video.id, name: video.originalName, sizeBytes: video.sizeBytes, durationSec: video.durationSec, width: video.width, height: video.height };
}

/** The user deletes a video: its upload, every job's frames and its rows. */
export async function deleteVideo(svc: Services, ownerId: string, videoId: string): Promise<{ ok: true }> {
  const video = await ownedVideo(svc.db, ownerId, videoId);
  await removeVideo(svc, video, "The video was deleted.");
  return { ok: true };
}
