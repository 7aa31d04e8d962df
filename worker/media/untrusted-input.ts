import { ALLOWED_DEMUXERS } from "~/core/video-containers";

/**
 * How ffmpeg and ffprobe open an upload: `-i file`, but only from the local disk and only with the
 * demuxers of the containers we accept. An upload is anyone's bytes; without this, a playlist
 * named `.mp4` is demuxed as HLS and reads whatever files (or URLs) it lists, and an image2 or
 * concat input would do the same. With it, ffmpeg refuses such a file before opening anything else.
 */
export function untrustedInput(file: string): string[] {
  return ["-protocol_whitelist", "file", "-format_whitelist", ALLOWED_DEMUXERS, "-i", file];
}
