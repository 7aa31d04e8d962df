/**
 * "Sync, don't patch": subscription rows are never edited from an event's payload; they are
 * rewritten from what Stripe says now, so duplicated and out-of-order events converge.
 * Reading (network) and writing (a transaction) are separate so callers keep the network call
 * outside their transaction.
 */
import { sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Executor } from "~/core/quota";
import { subscriptions } from "~/db/schema";
import type { Billing } from "./stripe-client";
import { fromUnix } from "./stripe-values";

export interface SubscriptionState {
  id: string;
  status: string;
  priceId: string | null;
  interval: string | null;
  /** A cancellation is scheduled (cancel_at_period_end, or a cancel_at date as the Portal may set). */
  cancelAtPeriodEnd: boolean;
  /** End of the paid period, or when the scheduled cancellation takes effect if that is sooner. */
  currentPeriodEnd: Date | null;
  canceledAt: Date | null;
}

/** In this API version the billing period lives on the items; a one-item subscription has one. */
export function toSubscriptionState(sub: Stripe.Subscription): SubscriptionState {
  const items = sub.items.data;
  const item = items[0];
  const periodEnd = items.length > 0 ? Math.max(...items.map((i) => i.current_period_end)) : null;
  const endsAt = sub.cancel_at !== null && (periodEnd === null || sub.cancel_at < periodEnd) ? sub.cancel_at : periodEnd;
  return {
    id: sub.id,
    status: sub.status,
    priceId: item?.price.id ?? null,
    interval: item?.price.recurring?.interval ?? null,
    cancelAtPeriodEnd: sub.cancel_at_period_end || sub.cancel_at !== null,
    currentPeriodEnd: fromUnix(endsAt),
    canceledAt: fromUnix(sub.canceled_at),
  };
}

/** Every subscription the customer has, ended ones included (the default list hides canceled ones). */
export async function fetchSubscriptions(billing: Billing, customerId: string): Promise<SubscriptionState[]> {
  const subs = await billing.stripe.subscriptions
    .list({ customer: customerId, status: "all", limit: 100 })
    .autoPagingToArray({ limit: 1000 });
  return subs.map(toSubscriptionState);
}

export async function writeSubscriptions(db: Executor, userId: string, states: readonly SubscriptionState[]): Promise<void> {
  for (const s of states) {
    const values = {
      userId,
      status: s.status,
      priceId: s.priceId,
      interval: s.interval,
      cancelAtPeriodEnd: s.cancelAtPeriodEnd,
      currentPeriodEnd: s.currentPeriodEnd,
      canceledAt: s.canceledAt,
      updatedAt: sql`now()`,
    };
    await db
      .insert(subscriptions)
      .values({ id: s.id, ...values })
      .onConflictDoUpdate({ target: subscriptions.id, set: values });
  }
}
