import { formatDuration, type TierLimits } from "~/core/tiers";
import { checkVideoFile } from "~/core/video-files";
import { readVideoMetadata, type VideoMetadata } from "./read-video-metadata";

/**
 * A chosen file against the plan before anything is uploaded: its type and size, then (when the
 * browser can read it) its length. The problem, in the user's words, or null.
 */
export async function checkChosenVideo(file: File, limits: TierLimits): Promise<{ metadata: VideoMetadata; problem: string | null }> {
  const unread: VideoMetadata = { durationSec: null, width: null, height: null };
  const problem = checkVideoFile(file, limits);
  if (problem) return { metadata: unread, problem };
  const metadata = await readVideoMetadata(file);
  const { durationSec } = metadata;
  if (durationSec !== null && durationSec > limits.maxDurationSec) {
    return {
      metadata,
      problem: `“${file.name}” is ${formatDuration(durationSec)} long; the ${limits.label} limit is ${formatDuration(limits.maxDurationSec)} per video.`,
    };
  }
  return { metadata, problem: null };
}
