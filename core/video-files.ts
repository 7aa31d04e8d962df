import { TIERS, formatBytes, type TierLimits } from "./tiers";

/**
 * Video containers we accept, by extension and by the MIME types browsers report for them: what
 * phones, cameras, screen recorders and editors write, and the older ones ffmpeg reads as well.
 * What is inside is checked by the worker, which refuses anything it cannot decode.
 */
export const VIDEO_EXTENSIONS = [".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".ogv", ".ogg", ".mpg", ".mpeg", ".ts", ".mts", ".m2ts", ".3gp", ".3g2", ".flv", ".wmv"] as const;
export const VIDEO_MIME_TYPES = [
  "video/mp4",
  "video/quicktime",
  "video/webm",
  "video/x-matroska",
  "video/x-msvideo",
  "video/avi",
  "video/msvideo",
  "video/ogg",
  "video/mpeg",
  "video/mp2t",
  "video/3gpp",
  "video/3gpp2",
  "video/x-flv",
  "video/x-ms-wmv",
  "video/x-ms-asf",
] as const;

/** How the accepted formats are named to people: the common ones first. */
export const VIDEO_FORMATS_LABEL = "MP4, MOV, WebM, MKV, AVI, Ogg, MPEG or 3GP";

export const ACCEPT_ATTRIBUTE = [...VIDEO_MIME_TYPES, ...VIDEO_EXTENSIONS].join(",");

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot).toLowerCase();
}

/**
 * Checks a file's declared name, type and size before anything is signed or sent. Returns a
 * message for the user, or null when the file may be uploaded. Browsers leave the type empty
 * for some containers (MKV), so a known extension is enough then; a non-video type never is.
 */
export function checkVideoFile(
  file: { name: string; type: string; size: number },
  tier: TierLimits = TIERS.anonymous,
): string | null {
  const ext = extensionOf(file.name);
  const knownExt = (VIDEO_EXTENSIONS as readonly string[]).includes(ext);
  const type = file.type.toLowerCase();
  const knownType = (VIDEO_MIME_TYPES as readonly string[]).includes(type);
  if (type && !type.startsWith("video/")) {
    return `“${file.name}” is not a video (${type}). Upload a video: ${VIDEO_FORMATS_LABEL}.`;
  }
  if (!knownExt && !knownType) {
    return `“${file.name}” is not a video format we support. Upload a video: ${VIDEO_FORMATS_LABEL}.`;
  }
  if (file.size === 0) return `“${file.name}” is empty (0 bytes).`;
  if (file.size > tier.maxUploadBytes) {
    return `“${file.name}” is ${formatBytes(file.size)}; the ${tier.label} limit is ${formatBytes(tier.maxUploadBytes)} per video.`;
  }
  return null;
}
