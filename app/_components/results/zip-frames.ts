import { downloadZip } from "client-zip";
import type { FrameView } from "../api/api-types";

type ZipSource = Pick<FrameView, "previewUrl" | "fileName" | "crops">;

/** One file of the archive: where to fetch it, and its name inside the ZIP. */
export interface ZipFile {
  url: string;
  name: string;
}

/**
 * What goes into the archive, flat: each frame followed by its crops, named like their single
 * downloads (`holiday_00m12s340.jpg`, `holiday_00m12s340_square.jpg`, `…_portrait.jpg`), so each
 * frame's files sort together.
 */
export function zipFilesOf(frames: readonly ZipSource[]): ZipFile[] {
  return frames.flatMap((frame) => [
    { url: frame.previewUrl, name: frame.fileName },
    ...frame.crops.map((crop) => ({ url: crop.downloadUrl, name: crop.fileName })),
  ]);
}

/**
 * Builds a ZIP in the browser from presigned URLs (storage sends CORS headers). Fails with the
 * first file that could not be fetched, so the user never gets a silently incomplete archive.
 */
export async function zipFrames(files: readonly ZipFile[], onFetched?: (done: number) => void): Promise<Blob> {
  let done = 0;
  const responses = await Promise.all(
    files.map(async (file) => {
      const response = await fetch(file.url);
      if (!response.ok) {
        throw new Error(
          response.status === 403
            ? "The download links have expired. Reload the page and try again."
            : `Could not fetch ${file.name} (HTTP ${response.status}).`,
        );
      }
      const bytes = await response.blob();
      onFetched?.(++done);
      return { name: file.name, input: bytes, lastModified: new Date() };
    }),
  );
  return downloadZip(responses).blob();
}

/** `holiday_00m12s340.jpg` → `holiday_frames.zip`. */
export function zipFileName(frames: readonly Pick<FrameView, "fileName">[]): string {
  const base = frames[0]?.fileName.replace(/_\d+m\d{2}s\d{3}\.[a-z0-9]+$/i, "") || "frames";
  return `${base}_frames.zip`;
}
