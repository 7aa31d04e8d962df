import { desc, eq } from "drizzle-orm";
import { grantsPro } from "~/core/owner-tier";
import type { BillingInterval } from "~/core/pro-prices";
import { TIERS } from "~/core/tiers";
import type { Db } from "~/db/client";
import { subscriptions, users } from "~/db/schema";

/** What the dashboard and the billing pages show about a user's plan. */
export interface PlanView {
  tier: "free" | "pro";
  label: string;
  /** active: renews; cancelling: "Pro until <date>"; past_due: Pro while Stripe retries the card. */
  state: "free" | "active" | "cancelling" | "past_due";
  /** Stripe's status of the subscription that grants Pro, null on Free. */
  status: string | null;
  interval: BillingInterval | null;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: Date | null;
  pastDue: boolean;
  /** A Stripe customer exists, so the Customer Portal has something to show. */
  canManage: boolean;
}

const asInterval = (value: string | null): BillingInterval | null => (value === "month" || value === "year" ? value : null);

/** The plan at `now`, from the subscription rows (the same rule as tierForOwner). */
export async function planFor(db: Db, userId: string, now: Date = new Date()): Promise<PlanView> {
  const [user] = await db.select({ customerId: users.stripeCustomerId }).from(users).where(eq(users.id, userId));
  const rows = await db
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(subscriptions.currentPeriodEnd));
  const canManage = Boolean(user?.customerId);
  const current = rows.find((s) => grantsPro(s, now));
  if (!current) {
    return {
      tier: "free",
      label: TIERS.free.label,
      state: "free",
      status: null,
      interval: null,
      cancelAtPeriodEnd: false,
      currentPeriodEnd: null,
      pastDue: false,
      canManage,
    };
  }
  const pastDue = current.status === "past_due";
  return {
    tier: "pro",
    label: TIERS.pro.label,
    state: pastDue ? "past_due" : current.cancelAtPeriodEnd ? "cancelling" : "active",
    status: current.status,
    interval: asInterval(current.interval),
    cancelAtPeriodEnd: current.cancelAtPeriodEnd,
    currentPeriodEnd: current.currentPeriodEnd,
    pastDue,
    canManage,
  };
}
