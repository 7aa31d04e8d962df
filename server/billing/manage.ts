import { and, eq } from "drizzle-orm";
import { UserError } from "~/core/errors";
import { grantsPro } from "~/core/owner-tier";
import { subscriptions } from "~/db/schema";
import type { Services } from "~/server/services/runtime";
import { customerIdOf } from "./customer";
import { planFor, type PlanView } from "./plan";
import { requireBilling } from "./stripe-client";
import { syncCustomer } from "./sync";

/** A Customer Portal session (payment method, invoices, cancel), returning to the dashboard. */
export async function createPortalSession(svc: Services, userId: string): Promise<{ url: string }> {
  const billing = requireBilling(svc.billing);
  const customer = await customerIdOf(svc.db, userId);
  if (!customer) throw new UserError("PRECONDITION_FAILED", "There is no billing to manage yet: upgrade to Pro first.");
  const session = await billing.stripe.billingPortal.sessions.create({
    customer,
    return_url: `${svc.env.APP_URL.replace(/\/+$/, "")}/dashboard`,
  });
  return { url: session.url };
}

/** Undoes a scheduled cancellation while the period is still running, then syncs. */
export async function resumeSubscription(svc: Services, userId: string, now: Date = new Date()): Promise<PlanView> {
  const billing = requireBilling(svc.billing);
  const customerId = await customerIdOf(svc.db, userId);
  const rows = await svc.db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), eq(subscriptions.cancelAtPeriodEnd, true)));
  const target = rows.find((s) => grantsPro(s, now));
  if (!customerId || !target) {
    throw new UserError("PRECONDITION_FAILED", "Your subscription is not set to cancel, or it has already ended.");
  }
  // Re-read first: the Portal may have scheduled the end as cancel_at rather than cancel_at_period_end.
  const sub = await billing.stripe.subscriptions.retrieve(target.id);
  if (sub.status === "canceled" || sub.status === "incomplete_expired") {
    await syncCustomer(svc.db, billing, userId, customerId);
    throw new UserError("PRECONDITION_FAILED", "This subscription has already ended. You can upgrade again.");
  }
  if (sub.cancel_at_period_end) {
    await billing.stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
  } else if (sub.cancel_at !== null) {
    await billing.stripe.subscriptions.update(sub.id, { cancel_at: "" });
  }
  await syncCustomer(svc.db, billing, userId, customerId);
  return planFor(svc.db, userId, now);
}
