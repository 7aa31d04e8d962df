import type { Usage } from "./quota";
import type { TierLimits } from "./tiers";

/** Videos one drop may bring in, whatever the plan: one screen of upload rows. */
export const MAX_BATCH_VIDEOS = 10;

/**
 * How many of several videos dropped at once can be taken, and why no more: the jobs a plan runs
 * at once (each video is a job), the videos left in its period, and MAX_BATCH_VIDEOS. Said before
 * anything is uploaded; the server enforces each limit again on every job.
 */
export function batchAllowance(tier: Pick<TierLimits, "label" | "maxOpenJobs" | "period">, usage: Pick<Usage, "used" | "limit"> | null): { max: number; reason: string } {
  const left = usage ? Math.max(0, usage.limit - usage.used) : Number.POSITIVE_INFINITY;
  const videos = (n: number) => `${n} ${n === 1 ? "video" : "videos"}`;
  const limits = [
    { max: left, reason: left === 0 ? `No videos are left on the ${tier.label} plan this ${tier.period}.` : `${videos(left)} left on the ${tier.label} plan this ${tier.period}.` },
    { max: tier.maxOpenJobs, reason: `The ${tier.label} plan runs ${videos(tier.maxOpenJobs)} at once.` },
    { max: MAX_BATCH_VIDEOS, reason: `Up to ${videos(MAX_BATCH_VIDEOS)} can be dropped at once.` },
  ];
  return limits.reduce((a, b) => (b.max < a.max ? b : a));
}
