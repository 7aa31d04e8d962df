import { asc, eq } from "drizzle-orm";
import type { TimelinePoint } from "~/core/timeline";
import { frames } from "~/db/schema";
import { ownedJobWithVideo } from "./ownership";
import { presignRead } from "./presign";
import type { Services } from "./runtime";

/** What the results page's timeline needs: the scores along the video, the picks on it, and the video to preview. */
export interface JobTimeline {
  durationSec: number;
  /** Frames per second, to step one frame at a time; null when the container does not say. */
  fps: number | null;
  points: TimelinePoint[];
  picks: Array<{ rank: number; timestampSec: number }>;
  /** The uploaded video, signed for the owner only: never part of a shared gallery. */
  sourceUrl: string;
}

/** The timeline of one of the viewer's finished jobs; null while it runs, or for a job made before timelines were kept. */
export async function jobTimeline(svc: Services, ownerId: string, jobId: string): Promise<JobTimeline | null> {
  const { job, video } = await ownedJobWithVideo(svc.db, ownerId, jobId);
  if (job.status !== "done" || !job.timeline || video.durationSec === null) return null;
  const [picks, sourceUrl] = await Promise.all([
    svc.db.select({ rank: frames.rank, timestampSec: frames.timestampSec }).from(frames).where(eq(frames.jobId, job.id)).orderBy(asc(frames.rank)),
    presignRead(svc.s3, svc.env.UPLOADS_BUCKET, video.s3Key),
  ]);
  return { durationSec: video.durationSec, fps: video.fps !== null && video.fps > 0 ? video.fps : null, points: job.timeline, picks, sourceUrl };
}
