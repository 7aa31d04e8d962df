/** What the billing router calls: Stripe-backed actions from server/billing, and the viewer's rows. */
import { desc, eq } from "drizzle-orm";
import { PRO_PRICES } from "~/core/pro-prices";
import { payments } from "~/db/schema";
import type { Services } from "./runtime";

export { confirmCheckout, createCheckoutSession } from "~/server/billing/checkout";
export { createPortalSession, resumeSubscription } from "~/server/billing/manage";
export { planFor, type PlanView } from "~/server/billing/plan";

/**
 * Whether this server can take payments, and what Pro costs. The amounts are the published prices
 * (core/pro-prices.ts): Stripe Checkout shows and charges the configured price objects, which
 * must be set up with the same amounts.
 */
export function billingStatus(svc: Pick<Services, "billing">) {
  return { configured: svc.billing !== null, prices: PRO_PRICES };
}

export interface PaymentView {
  id: string;
  status: string;
  amountDue: number;
  amountPaid: number;
  currency: string;
  invoiceUrl: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  paidAt: Date | null;
  createdAt: Date;
}

/** The user's payment history, newest first. */
export async function listPayments(svc: Pick<Services, "db">, userId: string): Promise<PaymentView[]> {
  return svc.db
    .select({
      id: payments.id,
      status: payments.status,
      amountDue: payments.amountDue,
      amountPaid: payments.amountPaid,
      currency: payments.currency,
      invoiceUrl: payments.hostedInvoiceUrl,
      periodStart: payments.periodStart,
      periodEnd: payments.periodEnd,
      paidAt: payments.paidAt,
      createdAt: payments.createdAt,
    })
    .from(payments)
    .where(eq(payments.userId, userId))
    .orderBy(desc(payments.createdAt))
    .limit(100);
}
