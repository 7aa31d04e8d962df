import { asc, eq } from "drizzle-orm";
import { CROP_VARIANTS, type CropAspect, type PixelRect } from "~/core/crops";
import { frameDownloadName, variantDownloadName } from "~/core/storage-keys";
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
}

const EXT: Record<string, string> = { jpeg: "jpg", png: "png", webp: "webp" };

/** A job's frames, best first, each with short-lived URLs to view and download it. */
export async function listJobFrames(svc: Services, ownerId: string, jobId: string): Promise<{ frames: FrameView[] }> {
  const job = await ownedJob(svc.db, ownerId, jobId);
  if (job.status !== "done") return { frames: [] };
  return framesOf(svc, job, await ownedVideo(svc.db, ownerId, job.videoId));
}

/** The frames of a done job the caller has already checked is the viewer's, with its video. */
export async function framesOf(svc: Services, job: Job, video: Video): Promise<{ frames: FrameView[] }> {
  const rows = await svc.db.select().from(frames).where(eq(frames.jobId, job.id)).orderBy(asc(frames.rank));
  const bucket = svc.env.FRAMES_BUCKET;
  return {
    frames: await Promise.all(
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
        };
      }),
    ),
  };
}
