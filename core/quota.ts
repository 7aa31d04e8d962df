/**
 * Videos processed per period (core/tiers.ts). The unit is a video: the first job
 * on a video in a period charges it (a quota_charges row), re-runs of that video in the same
 * period are free. Usage = the owner's unreleased charges created since the period began.
 * Charges outlive their video and job, so deleting a video does not give its allowance back.
 */
import { and, count, eq, gte, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { quotaCharges, users } from "~/db/schema";
import { UserError } from "./errors";
import { formatResetDay, periodEnd, periodStart, type QuotaPeriod } from "./period";
import { TIERS, type TierLimits } from "./tiers";

/** A transaction handle, as drizzle passes it to `db.transaction(async (tx) => …)`. */
export type DbTx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | DbTx;

export interface Usage {
  used: number;
  limit: number;
  period: QuotaPeriod;
  resetsAt: Date;
}

export async function usageOf(db: Executor, ownerId: string, tier: TierLimits, now: Date = new Date()): Promise<Usage> {
  const [row] = await db
    .select({ used: count() })
    .from(quotaCharges)
    .where(
      and(
        eq(quotaCharges.ownerId, ownerId),
        isNull(quotaCharges.releasedAt),
        gte(quotaCharges.createdAt, periodStart(tier.period, now)),
      ),
    );
  return { used: row?.used ?? 0, limit: tier.videosPerPeriod, period: tier.period, resetsAt: periodEnd(tier.period, now) };
}

const plural = (n: number) => `${n} ${n === 1 ? "video" : "videos"}`;

/** Names the limit, when it resets and what lifts it. */
export function quotaUsedUpMessage(tier: TierLimits, usage: Usage, now: Date = new Date()): string {
  const when = usage.period === "day" ? "today" : "this month";
  const who = tier.name === "anonymous" ? "as a guest" : `on the ${tier.label} plan`;
  const used =
    usage.used <= usage.limit
      ? `You have processed ${usage.used} of ${plural(usage.limit)} ${when} ${who}.`
      : `You have processed ${plural(usage.used)} ${when}; ${tier.name === "anonymous" ? "guests get" : `the ${tier.label} plan allows`} ${usage.limit}.`;
  const reset =
    usage.period === "day"
      ? `Your allowance resets at midnight UTC, in ${Math.max(1, Math.ceil((usage.resetsAt.getTime() - now.getTime()) / 3_600_000))} h.`
      : `Your allowance resets on ${formatResetDay(usage.resetsAt)}.`;
  const next =
    tier.name === "anonymous"
      ? ` Create a free account for ${TIERS.free.videosPerPeriod} a month.`
      : tier.name === "free"
        ? ` Upgrade to Pro for ${TIERS.pro.videosPerPeriod} a month.`
        : "";
  return `${used} ${reset}${next}`;
}

/** Refuses when the allowance is used up (a 429: the user may try again after the reset). */
export function assertQuotaLeft(tier: TierLimits, usage: Usage, now: Date = new Date()): void {
  if (usage.used >= usage.limit) throw new UserError("TOO_MANY_REQUESTS", quotaUsedUpMessage(tier, usage, now));
}

/**
 * Serialises everything that counts or changes one owner's charges: concurrent job creations
 * queue up on this row lock, so each sees the charges the ones before it committed. Returns the
 * database's clock read after the lock was granted, so times written under the lock are in lock
 * order (a re-run is never dated before the charge it rides on).
 */
export async function lockOwner(tx: DbTx, ownerId: string): Promise<Date> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.id, ownerId)).for("update");
  if (!row) throw new Error(`owner ${ownerId} has no users row`);
  // Drizzle's pg driver hands timestamps over as text.
  const { rows } = await tx.execute<{ now: string }>(sql`select clock_timestamp() as now`);
  if (!rows[0]) throw new Error("the database returned no time");
  return new Date(rows[0].now);
}

/**
 * Charges a job's video to its owner for the current period, unless the video was already
 * charged in it (a re-run). Call inside the transaction that inserted the job, after lockOwner.
 * Throws the quota error (rolling the job back) when the allowance is used up.
 */
export async function chargeVideo(
  tx: DbTx,
  args: { ownerId: string; videoId: string; jobId: string; tier: TierLimits; now: Date },
): Promise<{ charged: boolean }> {
  const { ownerId, videoId, jobId, tier, now } = args;
  const [existing] = await tx
    .select({ id: quotaCharges.id })
    .from(quotaCharges)
    .where(
      and(
        eq(quotaCharges.ownerId, ownerId),
        eq(quotaCharges.videoId, videoId),
        isNull(quotaCharges.releasedAt),
        gte(quotaCharges.createdAt, periodStart(tier.period, now)),
      ),
    )
    .limit(1);
  if (existing) return { charged: false };
  assertQuotaLeft(tier, await usageOf(tx, ownerId, tier, now), now);
  await tx.insert(quotaCharges).values({ ownerId, videoId, jobId, createdAt: now });
  return { charged: true };
}
