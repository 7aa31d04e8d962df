/** What the browser reads from a file's metadata; each null when it cannot tell. */
export interface VideoMetadata {
  durationSec: number | null;
  width: number | null;
  height: number | null;
}

const UNKNOWN: VideoMetadata = { durationSec: null, width: null, height: null };

/**
 * The video's duration and frame size as the browser reads them from the file's metadata, or
 * nulls when this browser cannot decode the container (MKV and AVI often) or takes too long. Only
 * used to warn early and to estimate the processing time; the worker measures the real values.
 */
export function readVideoMetadata(file: File, timeoutMs = 5000): Promise<VideoMetadata> {
  return new Promise((resolve) => {
    const video = document.createElement("video");
    const url = URL.createObjectURL(file);
    let settled = false;
    const finish = (value: VideoMetadata) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      video.removeAttribute("src");
      video.load();
      URL.revokeObjectURL(url);
      resolve(value);
    };
    const timer = setTimeout(() => finish(UNKNOWN), timeoutMs);
    video.preload = "metadata";
    video.muted = true;
    video.onloadedmetadata = () =>
      finish({
        durationSec: Number.isFinite(video.duration) && video.duration > 0 ? video.duration : null,
        width: video.videoWidth > 0 ? video.videoWidth : null,
        height: video.videoHeight > 0 ? video.videoHeight : null,
      });
    video.onerror = () => finish(UNKNOWN);
    video.src = url;
  });
}
