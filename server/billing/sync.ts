import { lockOwner } from "~/core/quota";
import type { Db } from "~/db/client";
import { fetchRecentInvoices, writePayment } from "./invoices";
import type { Billing } from "./stripe-client";
import { fetchSubscriptions, writeSubscriptions } from "./subscriptions";

/**
 * Rewrites a customer's subscriptions and recent payments from Stripe, in one transaction: what the success page and resume use, so the user sees the result at once
 * instead of waiting for the webhook.
 */
export async function syncCustomer(db: Db, billing: Billing, userId: string, customerId: string): Promise<void> {
  await db.transaction(async (tx) => {
    // Read under the user's lock, like the webhook: the last write is the latest read.
    await lockOwner(tx, userId);
    const [subs, invoices] = await Promise.all([
      fetchSubscriptions(billing, customerId),
      fetchRecentInvoices(billing, customerId),
    ]);
    await writeSubscriptions(tx, userId, subs);
    for (const invoice of invoices) await writePayment(tx, userId, invoice);
  });
}
