import { asc, eq } from "drizzle-orm";
import { CROP_VARIANTS, type CropAspect, type PixelRect } from "~/core/crops";
import { frameDownloadName, storyboardDownloadName, variantDownloadName } from "~/core/storage-keys";
import type { StoryboardTile } from "~/core/storyboard";
import { frames, type Job, type Video } from "~/db/schema";
import { ownedJob, ownedVideo } from "./ownership";
import { presignRead } from "./presign";
import type { Services } from "./runtime";

/** A profile crop of a frame, ready to download. */
export interface CropView {
  aspect: CropAspect;
  /** "Square 1:1", "Portrait 4:5". */
  label: string;
  width: number;
  height: number;
  /** The frame's download name with `_square` / `_portrait` before the extension. */
  fileName: string;
  downloadUrl: string;
  /** Where the crop lies in the frame, in the frame's pixels (for a preview outline). */
  region: PixelRect;
}

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
  /** Profile mode: square and 4:5 crops around the face; empty for action shots. */
  crops: CropView[];
  /** Profile mode: the face the crops are centred on, in the frame's pixels; null when none was found. */
  faceBox: PixelRect | null;
  /** Added by the owner from the timeline, not picked by us. */
  manual: boolean;
}

/** The job's contact sheet (core/storyboard.ts), to show and to download. */
export interface StoryboardView {
  url: string;
  downloadUrl: string;
  fileName: string;
  width: number;
  height: number;
  bytes: number;
  tiles: StoryboardTile[];
}

const EXT: Record<string, string> = { jpeg: "jpg", png: "png", webp: "webp" };

/** What a finished job delivered: its frames, best first, and its storyboard. */
export interface JobDelivery {
  frames: FrameView[];
  storyboard: StoryboardView | null;
}

/** A job's frames and storyboard, each with short-lived URLs to view and download them. */
export async function listJobFrames(svc: Services, ownerId: string, jobId: string): Promise<JobDelivery> {
  const job = await ownedJob(svc.db, ownerId, jobId);
  if (job.status !== "done") return { frames: [], storyboard: null };
  return framesOf(svc, job, await ownedVideo(svc.db, ownerId, job.videoId));
}

/** What a done job delivered, for a caller that has already checked who may see it. */
export async function framesOf(svc: Services, job: Job, video: Video): Promise<JobDelivery> {
  const [frameViews, storyboard] = await Promise.all([frameViewsOf(svc, job, video), storyboardOf(svc, job, video)]);
  return { frames: frameViews, storyboard };
}

async function storyboardOf(svc: Services, job: Job, video: Video): Promise<StoryboardView | null> {
  const stored = job.storyboard;
  if (!stored) return null;
  const fileName = storyboardDownloadName(video.originalName);
  const [url, downloadUrl] = await Promise.all([
    presignRead(svc.s3, svc.env.FRAMES_BUCKET, stored.s3Key),
    presignRead(svc.s3, svc.env.FRAMES_BUCKET, stored.s3Key, { fileName }),
  ]);
  return { url, downloadUrl, fileName, width: stored.width, height: stored.height, bytes: stored.bytes, tiles: stored.tiles };
}

async function frameViewsOf(svc: Services, job: Job, video: Video): Promise<FrameView[]> {
  const rows = await svc.db.select().from(frames).where(eq(frames.jobId, job.id)).orderBy(asc(frames.rank));
  const bucket = svc.env.FRAMES_BUCKET;
  return Promise.all(
    rows.map(async (f) => {
      const fileName = frameDownloadName(video.originalName, f.timestampSec, EXT[f.format] ?? f.format);
      const [previewUrl, thumbUrl, downloadUrl, crops] = await Promise.all([
        presignRead(svc.s3, bucket, f.s3Key),
        presignRead(svc.s3, bucket, f.thumbKey),
        presignRead(svc.s3, bucket, f.s3Key, { fileName }),
        Promise.all(
          f.crops.map(async (crop): Promise<CropView> => {
            const variant = CROP_VARIANTS[crop.aspect];
            const cropName = variantDownloadName(fileName, variant.suffix);
            return {
              aspect: crop.aspect,
              label: variant.label,
              width: crop.width,
              height: crop.height,
              fileName: cropName,
              downloadUrl: await presignRead(svc.s3, bucket, crop.s3Key, { fileName: cropName }),
              region: crop.region,
            };
          }),
        ),
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
        crops,
        faceBox: f.faceBox,
        manual: f.manual,
      };
    }),
  );
}
