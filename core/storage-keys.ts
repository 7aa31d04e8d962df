/**
 * S3 key layout, per owner and per video/job, so one owner's objects can be listed, deleted or
 * expired together and a presigned URL never reaches past one key.
 */
export const UPLOADS_PREFIX = "uploads/";
export const FRAMES_PREFIX = "frames/";

/**
 * Presigned upload URLs live long enough for a slow connection, no longer. An upload cancelled
 * meanwhile can still receive a PUT through its URL: the retention sweep removes such orphans
 * once no URL for them can still work (worker/retention.ts).
 */
export const UPLOAD_URL_TTL_SEC = 60 * 60;

/** The prefix of the job a frame object belongs to (`frames/<owner>/<job>/`), or null for a key outside that layout. */
export function framesPrefixOf(key: string): string | null {
  const match = /^frames\/[^/]+\/[^/]+\//.exec(key);
  return match ? match[0] : null;
}

export function uploadKey(ownerId: string, videoId: string, ext: string): string {
  return `${UPLOADS_PREFIX}${ownerId}/${videoId}/source${ext}`;
}

/** Set once when a job is created and stored on it (jobs.frames_prefix). */
export function jobFramesPrefix(ownerId: string, jobId: string): string {
  return `${FRAMES_PREFIX}${ownerId}/${jobId}/`;
}

export function frameKey(framesPrefix: string, rank: number, ext: string): string {
  return `${framesPrefix}${String(rank).padStart(2, "0")}.${ext}`;
}

export function thumbKey(framesPrefix: string, rank: number): string {
  return `${framesPrefix}${String(rank).padStart(2, "0")}_thumb.jpg`;
}

/** A profile crop next to its frame, e.g. `01_square.jpg`: under the job's prefix, so deletes and expiry take it too. */
export function cropKey(framesPrefix: string, rank: number, suffix: string, ext: string): string {
  return `${framesPrefix}${String(rank).padStart(2, "0")}_${suffix}.${ext}`;
}

/** The job's storyboard (core/storyboard.ts), under its prefix like its frames. */
export function storyboardKey(framesPrefix: string): string {
  return `${framesPrefix}storyboard.jpg`;
}

/** The video's name as the start of a download's name: no folder, no extension, nothing a file system minds. */
function downloadBase(videoName: string, fallback: string): string {
  return (
    (videoName.split(/[\\/]/).pop() ?? "")
      .replace(/\.[^.]*$/, "")
      .replace(/[^\p{L}\p{N}._ -]+/gu, "")
      .replace(/^[.\s]+/, "")
      .trim()
      .replace(/\s+/g, "-")
      .slice(0, 80) || fallback
  );
}

/** `holiday_00m12s340.jpg`: the video's name without extension, then the frame's time. */
export function frameDownloadName(videoName: string, timestampSec: number, ext: string): string {
  const base = downloadBase(videoName, "frame");
  const totalMs = Math.max(0, Math.round(timestampSec * 1000));
  const min = Math.floor(totalMs / 60000);
  const sec = Math.floor((totalMs % 60000) / 1000);
  const ms = totalMs % 1000;
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  return `${base}_${pad(min, 2)}m${pad(sec, 2)}s${pad(ms, 3)}.${ext}`;
}

/** `holiday_storyboard.jpg`. */
export function storyboardDownloadName(videoName: string): string {
  return `${downloadBase(videoName, "video")}_storyboard.jpg`;
}

/** A variant of a download name: `holiday_00m12s340.jpg` + `square` → `holiday_00m12s340_square.jpg`. */
export function variantDownloadName(fileName: string, suffix: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? `${fileName.slice(0, dot)}_${suffix}${fileName.slice(dot)}` : `${fileName}_${suffix}`;
}
