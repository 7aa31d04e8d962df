import { formatBytes, formatDuration, formatRetention, type TierLimits } from "~/core/tiers";

/** What a plan gives, as short lines, from the same tier table the server enforces. */
export function planFeatures(tier: TierLimits): string[] {
  return [
    `${tier.videosPerPeriod} videos per ${tier.period}`,
    `Up to ${tier.maxFramesPerVideo} frames per video`,
    `Uploads up to ${formatBytes(tier.maxUploadBytes)}, videos up to ${formatDuration(tier.maxDurationSec)}`,
    tier.maxOutputLongSide ? `Frames up to ${tier.maxOutputLongSide} px` : "Frames at the original resolution",
    tier.watermark ? "Small watermark" : "No watermark",
    `${tier.formats.map((f) => (f === "webp" ? "WebP" : f.toUpperCase())).join(", ")} downloads`,
    `Results kept ${formatRetention(tier)}`,
    tier.priorityQueue ? "Priority processing queue" : "Standard processing queue",
  ];
}
