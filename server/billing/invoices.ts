/** Payment history: one row per Stripe invoice, rewritten from the invoice as Stripe has it now. */
import type Stripe from "stripe";
import type { Executor } from "~/core/quota";
import { payments } from "~/db/schema";
import type { Billing } from "./stripe-client";
import { fromUnix, idOf } from "./stripe-values";

export interface InvoiceState {
  id: string;
  customerId: string | null;
  subscriptionId: string | null;
  status: string;
  amountDue: number;
  amountPaid: number;
  currency: string;
  hostedInvoiceUrl: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  paidAt: Date | null;
  createdAt: Date;
}

/**
 * A subscription invoice's own period_start/period_end mark when it was created; the period
 * paid for is on its lines, so that is what the history shows when there are lines.
 */
export function toInvoiceState(invoice: Stripe.Invoice): InvoiceState {
  const lines = invoice.lines?.data ?? [];
  const starts = lines.map((l) => l.period.start);
  const ends = lines.map((l) => l.period.end);
  return {
    id: invoice.id,
    customerId: idOf(invoice.customer),
    subscriptionId: idOf(invoice.parent?.subscription_details?.subscription),
    status: invoice.status ?? "draft",
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    currency: invoice.currency,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    periodStart: fromUnix(starts.length > 0 ? Math.min(...starts) : invoice.period_start),
    periodEnd: fromUnix(ends.length > 0 ? Math.max(...ends) : invoice.period_end),
    paidAt: fromUnix(invoice.status_transitions.paid_at),
    createdAt: new Date(invoice.created * 1000),
  };
}

export async function fetchInvoice(billing: Billing, invoiceId: string): Promise<InvoiceState> {
  return toInvoiceState(await billing.stripe.invoices.retrieve(invoiceId));
}

/** The customer's latest invoices (drafts are not payments yet, so they are left out). */
export async function fetchRecentInvoices(billing: Billing, customerId: string): Promise<InvoiceState[]> {
  const page = await billing.stripe.invoices.list({ customer: customerId, limit: 24 });
  return page.data.filter((i) => i.status !== "draft").map(toInvoiceState);
}

export async function writePayment(db: Executor, userId: string, invoice: InvoiceState): Promise<void> {
  const values = {
    userId,
    subscriptionId: invoice.subscriptionId,
    status: invoice.status,
    amountDue: invoice.amountDue,
    amountPaid: invoice.amountPaid,
    currency: invoice.currency,
    hostedInvoiceUrl: invoice.hostedInvoiceUrl,
    periodStart: invoice.periodStart,
    periodEnd: invoice.periodEnd,
    paidAt: invoice.paidAt,
  };
  await db
    .insert(payments)
    .values({ id: invoice.id, createdAt: invoice.createdAt, ...values })
    .onConflictDoUpdate({ target: payments.id, set: values });
}
