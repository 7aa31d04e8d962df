import { asc, eq } from "drizzle-orm";
import { frameDownloadName } from "~/core/storage-keys";
import { frames } from "~/db/schema";
import { ownedJob, ownedVideo } from "./ownership";
import { presignRead } from "./presign";
import type { Services } from "./runtime";

export interface FrameView {
  id: string;
  rank: number;
  timestampSec: number;
  score: number;
  metrics: Record<string, number>;
  width: number;
  height: number;
  format: string;
  fileName: string;
  previewUrl: string;
  thumbUrl: string;
  downloadUrl: string;
}

const EXT: Record<string, string> = { jpeg: "jpg", png: "png", webp: "webp" };

/** A job's frames, best first, each with short-lived URLs to view and download it. */
export async function listJobFrames(svc: Services, ownerId: string, jobId: string): Promise<{ frames: FrameView[] }> {
  const job = await ownedJob(svc.db, ownerId, jobId);
  if (job.status !== "done") return { frames: [] };
  const video = await ownedVideo(svc.db, ownerId, job.videoId);
  const rows = await svc.db.select().from(frames).where(eq(frames.jobId, job.id)).orderBy(asc(frames.rank));
  const bucket = svc.env.FRAMES_BUCKET;
  return {
    frames: await Promise.all(
      rows.map(async (f) => {
        const fileName = frameDownloadName(video.originalName, f.timestampSec, EXT[f.format] ?? f.format);
        const [previewUrl, thumbUrl, downloadUrl] = await Promise.all([
          presignRead(svc.s3, bucket, f.s3Key),
          presignRead(svc.s3, bucket, f.thumbKey),
          presignRead(svc.s3, bucket, f.s3Key, { fileName }),
        ]);
        return {
          id: f.id,
          rank: f.rank,
          timestampSec: f.timestampSec,
          score: f.score,
          metrics: f.metrics,
          width: f.width,
          height: f.height,
          format: f.format,
          fileName,
          previewUrl,
          thumbUrl,
          downloadUrl,
        };
      }),
    ),
  };
}
