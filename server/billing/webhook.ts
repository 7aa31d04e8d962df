/**
 * Applying a verified Stripe event. Nothing is taken from the event's payload except which
 * customer (and invoice) it is about: the state is re-read from Stripe and written in one
 * transaction together with the event id, so a duplicate delivery changes nothing and events
 * arriving out of order still leave what Stripe says now.
 */
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { lockOwner } from "~/core/quota";
import { stripeEvents } from "~/db/schema";
import type { Services } from "~/server/services/runtime";
import { userIdForCustomer } from "./customer";
import { fetchInvoice, writePayment } from "./invoices";
import { requireBilling } from "./stripe-client";
import { idOf } from "./stripe-values";
import { fetchSubscriptions, writeSubscriptions } from "./subscriptions";

export type WebhookOutcome = "applied" | "duplicate" | "ignored";

/** The customer (and invoice) a handled event is about; null for event types we do not handle. */
function subjectOf(event: Stripe.Event): { customerId: string | null; invoiceId: string | null } | null {
  switch (event.type) {
    case "checkout.session.completed":
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return { customerId: idOf(event.data.object.customer), invoiceId: null };
    case "invoice.paid":
    case "invoice.payment_failed":
    case "invoice.payment_succeeded":
      return { customerId: idOf(event.data.object.customer), invoiceId: event.data.object.id };
    default:
      return null;
  }
}

export async function handleStripeEvent(svc: Pick<Services, "db" | "billing">, event: Stripe.Event): Promise<WebhookOutcome> {
  const billing = requireBilling(svc.billing);
  const subject = subjectOf(event);
  const customerId = subject?.customerId;
  if (!subject || !customerId) return "ignored";
  // A redelivery of an event already applied: skip the Stripe round trips (the insert below still decides races).
  const [seen] = await svc.db.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, event.id));
  if (seen) return "duplicate";
  const userId = await userIdForCustomer(svc.db, customerId);
  if (!userId) {
    // Not a customer this app created (another integration on the account): nothing of ours to change.
    console.warn(`stripe webhook: ${event.type} ${event.id} is about unknown customer ${customerId}`);
    return "ignored";
  }

  return svc.db.transaction(async (tx) => {
    // One customer's syncs take turns on the user's row, and each reads Stripe only once it has
    // the lock: the last write is always the latest read, whatever order events arrive in.
    await lockOwner(tx, userId);
    const inserted = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (inserted.length === 0) return "duplicate";
    // A failed read rolls the event id back too, so Stripe's retry applies it later.
    const [subs, invoice] = await Promise.all([
      fetchSubscriptions(billing, customerId),
      subject.invoiceId ? fetchInvoice(billing, subject.invoiceId) : null,
    ]);
    await writeSubscriptions(tx, userId, subs);
    if (invoice) await writePayment(tx, userId, invoice);
    return "applied";
  });
}
