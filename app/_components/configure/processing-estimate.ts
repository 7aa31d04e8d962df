import { estimateJobSeconds } from "~/core/processing-rates";
import type { PickMode, PickQuality } from "~/core/pick-params";
import type { JobView } from "../api/api-types";
import { formatTimeLeft } from "../ui/format";
import type { VideoMetadata } from "../upload/read-video-metadata";

function roundForDisplay(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  return `${Math.round(seconds / 60)} min`;
}

/** "About 3 s – 5 s": the worker's measured rates for this preset, mode and frame size (core/processing-rates.ts). */
export function describeEstimate(video: VideoMetadata, quality: PickQuality, mode: PickMode): string {
  if (video.durationSec === null || !Number.isFinite(video.durationSec)) return "Depends on the video’s length; you will see live progress.";
  const range = estimateJobSeconds({ durationSec: video.durationSec, width: video.width, height: video.height, quality, mode });
  const low = roundForDisplay(range.low);
  const high = roundForDisplay(range.high);
  return low === high ? `About ${low}` : `About ${low} – ${high}`;
}

/**
 * "about 4 s left" while a job runs: at the pace it has kept so far (the server's clock), so no
 * guess about this video's codec or GOP. Null before there is a pace to go by.
 */
export function describeTimeLeft(job: Pick<JobView, "status" | "remainingMs">): string | null {
  return job.status === "running" && job.remainingMs !== null ? formatTimeLeft(job.remainingMs / 1000) : null;
}
