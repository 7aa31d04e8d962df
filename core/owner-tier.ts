import { eq } from "drizzle-orm";
import type { Db } from "~/db/client";
import { subscriptions, users, type Subscription } from "~/db/schema";
import { TIERS, type TierLimits } from "./tiers";

/** Stripe statuses that keep Pro on (past_due: Stripe is still retrying the card). */
const PRO_STATUSES = new Set(["active", "trialing", "past_due"]);
/** A renewal's webhook may arrive late; a subscription that is not ending keeps Pro this long past its period. */
const RENEWAL_GRACE_MS = 3 * 24 * 60 * 60 * 1000;

type SubscriptionState = Pick<Subscription, "status" | "cancelAtPeriodEnd" | "currentPeriodEnd">;

/** Whether a subscription grants Pro at `now`. A cancelled-at-period-end one ends exactly at the period end. */
export function grantsPro(sub: SubscriptionState, now: Date = new Date()): boolean {
  if (!PRO_STATUSES.has(sub.status)) return false;
  if (!sub.currentPeriodEnd) return true;
  const grace = sub.cancelAtPeriodEnd ? 0 : RENEWAL_GRACE_MS;
  return sub.currentPeriodEnd.getTime() + grace > now.getTime();
}

/** The tier an owner has right now, read from the database (never from a stale token). */
export async function tierForOwner(db: Db, ownerId: string, now: Date = new Date()): Promise<TierLimits> {
  const [user] = await db.select({ isAnonymous: users.isAnonymous }).from(users).where(eq(users.id, ownerId));
  if (!user || user.isAnonymous) return TIERS.anonymous;
  return tierForAccount(db, ownerId, now);
}

/** Free or Pro, for an id already known to be an account's. */
export async function tierForAccount(db: Db, userId: string, now: Date = new Date()): Promise<TierLimits> {
  const subs = await db
    .select({
      status: subscriptions.status,
      cancelAtPeriodEnd: subscriptions.cancelAtPeriodEnd,
      currentPeriodEnd: subscriptions.currentPeriodEnd,
    })
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId));
  return subs.some((s) => grantsPro(s, now)) ? TIERS.pro : TIERS.free;
}
