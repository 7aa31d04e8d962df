import { downloadZip } from "client-zip";
import type { FrameView } from "./api-types";

type ZipSource = Pick<FrameView, "previewUrl" | "fileName">;

/**
 * Builds a ZIP of the frames in the browser from their presigned URLs (storage sends CORS
 * headers), each entry named like its single download. Fails with the first frame that
 * could not be fetched, so the user never gets a silently incomplete archive.
 */
export async function zipFrames(frames: readonly ZipSource[], onFetched?: (done: number) => void): Promise<Blob> {
  let done = 0;
  const responses = await Promise.all(
    frames.map(async (frame) => {
      const response = await fetch(frame.previewUrl);
      if (!response.ok) {
        throw new Error(
          response.status === 403
            ? "The download links have expired. Reload the page and try again."
            : `Could not fetch ${frame.fileName} (HTTP ${response.status}).`,
        );
      }
      const bytes = await response.blob();
      onFetched?.(++done);
      return { name: frame.fileName, input: bytes, lastModified: new Date() };
    }),
  );
  return downloadZip(responses).blob();
}

/** `holiday_00m12s340.jpg` → `holiday_frames.zip`. */
export function zipFileName(frames: readonly ZipSource[]): string {
  const base = frames[0]?.fileName.replace(/_\d+m\d{2}s\d{3}\.[a-z0-9]+$/i, "") || "frames";
  return `${base}_frames.zip`;
}
