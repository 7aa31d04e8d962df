import { UserError } from "~/core/errors";
import { tierForOwner } from "~/core/owner-tier";
import type { BillingInterval } from "~/core/pro-prices";
import type { Services } from "~/server/services/runtime";
import { customerIdOf, ensureCustomer } from "./customer";
import { planFor, type PlanView } from "./plan";
import { isStripeNotFound, requireBilling } from "./stripe-client";
import { idOf } from "./stripe-values";
import { syncCustomer } from "./sync";

const appOrigin = (svc: Services) => svc.env.APP_URL.replace(/\/+$/, "");

/**
 * A Stripe Checkout Session for Pro. The return URLs come from the server's APP_URL only, so a
 * client can never send a payer somewhere else after paying.
 */
export async function createCheckoutSession(
  svc: Services,
  userId: string,
  interval: BillingInterval,
): Promise<{ url: string }> {
  const billing = requireBilling(svc.billing);
  if ((await tierForOwner(svc.db, userId)).name === "pro") {
    throw new UserError("CONFLICT", "You already have Pro. Manage your subscription from your dashboard.");
  }
  const customer = await ensureCustomer(svc.db, billing, userId);
  const origin = appOrigin(svc);
  const session = await billing.stripe.checkout.sessions.create({
    mode: "subscription",
    customer,
    client_reference_id: userId,
    line_items: [{ price: billing.prices[interval], quantity: 1 }],
    // Stripe substitutes {CHECKOUT_SESSION_ID} itself.
    success_url: `${origin}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${origin}/upgrade?canceled=1`,
    subscription_data: { metadata: { userId } },
  });
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
  return { url: session.url };
}

/**
 * What the success page calls: checks the session is this user's, syncs from Stripe and returns
 * the plan, so Pro shows at once whether or not the webhook has arrived.
 */
export async function confirmCheckout(
  svc: Services,
  userId: string,
  sessionId: string,
): Promise<{ plan: PlanView; complete: boolean }> {
  const billing = requireBilling(svc.billing);
  const notFound = new UserError("NOT_FOUND", "We could not find that checkout.");
  const customerId = await customerIdOf(svc.db, userId);
  if (!customerId) throw notFound;
  const session = await billing.stripe.checkout.sessions.retrieve(sessionId).catch((error: unknown) => {
    throw isStripeNotFound(error) ? notFound : error;
  });
  if (idOf(session.customer) !== customerId) throw notFound;
  await syncCustomer(svc.db, billing, userId, customerId);
  return { plan: await planFor(svc.db, userId), complete: session.status === "complete" };
}
