/**
 * Limits on how much one owner can keep the workers busy, beyond the allowance (core/quota.ts):
 * jobs open at once, and runs of one video a day (re-runs of a charged video cost no allowance).
 * Checked inside the transaction that inserts the job, after lockOwner, so parallel requests
 * (a batch of 50 calls, say) queue on the owner's row and each sees the jobs the others committed;
 * and after the job's row and its charge, so the counts include it and a user at the end of the
 * allowance hears about the allowance first.
 */
import { and, count, eq, gte, inArray } from "drizzle-orm";
import { jobs, OPEN_JOB_STATUSES } from "~/db/schema";
import { UserError } from "./errors";
import type { Executor } from "./quota";
import type { TierLimits } from "./tiers";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function assertJobLimits(db: Executor, args: { ownerId: string; videoId: string; tier: TierLimits; now: Date }): Promise<void> {
  const { ownerId, videoId, tier, now } = args;
  const [open] = await db
    .select({ n: count() })
    .from(jobs)
    .where(and(eq(jobs.ownerId, ownerId), inArray(jobs.status, [...OPEN_JOB_STATUSES])));
  const others = (open?.n ?? 1) - 1;
  if (others >= tier.maxOpenJobs) {
    const who = tier.name === "anonymous" ? "Guests" : `${tier.label} accounts`;
    throw new UserError(
      "TOO_MANY_REQUESTS",
      `${who} can run ${jobCount(tier.maxOpenJobs)} at a time, and ${others === 1 ? "one is" : `${others} are`} still in progress. Wait for ${others === 1 ? "it" : "one"} to finish, or cancel it, then try again.`,
    );
  }
  const [runs] = await db
    .select({ n: count() })
    .from(jobs)
    .where(and(eq(jobs.ownerId, ownerId), eq(jobs.videoId, videoId), gte(jobs.createdAt, new Date(now.getTime() - DAY_MS))));
  const earlierRuns = (runs?.n ?? 1) - 1;
  if (earlierRuns >= tier.runsPerVideoPerDay) {
    throw new UserError(
      "TOO_MANY_REQUESTS",
      `This video has been run ${earlierRuns} times in the last 24 hours, the most the ${tier.label} plan allows. Try again tomorrow, or upload another video.`,
    );
  }
}

const jobCount = (n: number) => `${n} ${n === 1 ? "job" : "jobs"}`;
