/**
 * What each tier may do (the README's tiers table). The server enforces these; the client
 * reads the same table to check files before sending them.
 */
export type TierName = "anonymous" | "free" | "pro";
export type OutputFormat = "jpeg" | "png" | "webp";

export interface TierLimits {
  name: TierName;
  label: string;
  maxUploadBytes: number;
  maxDurationSec: number;
  maxFramesPerVideo: number;
  videosPerPeriod: number;
  period: "day" | "month";
  /** Long side of delivered frames, or null for the source resolution. */
  maxOutputLongSide: number | null;
  watermark: boolean;
  formats: readonly OutputFormat[];
  retentionHours: number;
  priorityQueue: boolean;
  /** Jobs queued or running at once: more only ever waits in the queue, ahead of other people. */
  maxOpenJobs: number;
  /** Runs of one video in 24 hours: re-runs of a charged video are free, but not unlimited. */
  runsPerVideoPerDay: number;
}

const MB = 1024 * 1024;

export const TIERS: Record<TierName, TierLimits> = {
  anonymous: {
    name: "anonymous",
    label: "Guest",
    maxUploadBytes: 50 * MB,
    maxDurationSec: 2 * 60,
    maxFramesPerVideo: 3,
    videosPerPeriod: 1,
    period: "day",
    maxOutputLongSide: 1280,
    watermark: true,
    formats: ["jpeg"],
    retentionHours: 24,
    priorityQueue: false,
    maxOpenJobs: 1,
    runsPerVideoPerDay: 5,
  },
  free: {
    name: "free",
    label: "Free",
    maxUploadBytes: 50 * MB,
    maxDurationSec: 5 * 60,
    maxFramesPerVideo: 3,
    videosPerPeriod: 3,
    period: "month",
    maxOutputLongSide: 1280,
    watermark: true,
    formats: ["jpeg"],
    retentionHours: 7 * 24,
    priorityQueue: false,
    maxOpenJobs: 2,
    runsPerVideoPerDay: 10,
  },
  pro: {
    name: "pro",
    label: "Pro",
    maxUploadBytes: 500 * MB,
    maxDurationSec: 30 * 60,
    maxFramesPerVideo: 10,
    videosPerPeriod: 100,
    period: "month",
    maxOutputLongSide: null,
    watermark: false,
    formats: ["jpeg", "png", "webp"],
    retentionHours: 30 * 24,
    priorityQueue: true,
    maxOpenJobs: 5,
    runsPerVideoPerDay: 30,
  },
};

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1)} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** How long a tier keeps results, as people say it: "24 hours", "7 days". */
export function formatRetention(tier: Pick<TierLimits, "retentionHours">): string {
  return tier.retentionHours >= 48 ? `${Math.round(tier.retentionHours / 24)} days` : `${tier.retentionHours} hours`;
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m === 0) return `${rest} s`;
  return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
}
