/**
 * Why a video could not be used. Every code is the file's fault, not ours, so the worker can fail
 * the job for good (no retry, quota not refunded) and show `userMessage` as it is.
 */
export type MediaErrorCode =
  | "EMPTY_FILE"
  | "NOT_A_VIDEO"
  | "AUDIO_ONLY"
  | "CORRUPT"
  | "BAD_RESOLUTION"
  | "NO_DURATION"
  | "DECODE_FAILED";

export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    /** A sentence for the person who uploaded the file. */
    readonly userMessage: string,
    /** Technical detail for logs (e.g. the tail of ffmpeg's stderr). */
    readonly detail: string = "",
  ) {
    super(detail ? `${userMessage} (${detail})` : userMessage);
    this.name = "MediaError";
  }
}

export const MEDIA_MESSAGES = {
  EMPTY_FILE: "This file is empty (0 bytes).",
  NOT_A_VIDEO: "This file is not a video we can read.",
  AUDIO_ONLY: "This file has sound but no video track.",
  CORRUPT: "This video is truncated or damaged, so we cannot read it. Try exporting or uploading it again.",
  NO_DURATION: "We could not tell how long this video is; it may be incomplete.",
  DECODE_FAILED: "We could not decode this video; it may be damaged or use a format we do not support.",
} as const;

export function badResolutionMessage(width: number, height: number): string {
  return `This video is ${width}×${height} pixels; we support 16 to 8192 pixels per side.`;
}
