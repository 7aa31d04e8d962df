/**
 * Applying a verified Stripe event. Nothing is taken from the event's payload except which
 * customer (and invoice) it is about: the state is re-read from Stripe, outside the transaction,
 * then written in one transaction together with the event id, so a duplicate delivery changes
 * nothing and events arriving out of order still leave what Stripe says now.
 */
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
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
  if (!subject?.customerId) return "ignored";
  // A redelivery of an event already applied: skip the Stripe round trips (the insert below still decides races).
  const [seen] = await svc.db.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, event.id));
  if (seen) return "duplicate";
  const userId = await userIdForCustomer(svc.db, subject.customerId);
  if (!userId) {
    // Not a customer this app created (another integration on the account): nothing of ours to change.
    console.warn(`stripe webhook: ${event.type} ${event.id} is about unknown customer ${subject.customerId}`);
    return "ignored";
  }

  const [subs, invoice] = await Promise.all([
    fetchSubscriptions(billing, subject.customerId),
    subject.invoiceId ? fetchInvoice(billing, subject.invoiceId) : null,
  ]);

  return svc.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (inserted.length === 0) return "duplicate";
    await writeSubscriptions(tx, userId, subs);
    if (invoice) await writePayment(tx, userId, invoice);
    return "applied";
  });
}
