/**
 * Wiring for tests that use the fake Stripe server: the app's own Billing pointed at it, and
 * webhook deliveries signed the way Stripe signs them (stripe.webhooks.generateTestHeaderString).
 */
import Stripe from "stripe";
import { billingFromEnv, type Billing } from "~/server/billing/stripe-client";
import type { FakeStripe } from "./stripe-server";
import { FAKE_PRICES } from "./stripe-server";
import type { FakeEvent } from "./stripe/objects";

export const TEST_WEBHOOK_SECRET = "whsec_frame_picker_test_secret";

/** The STRIPE_* variables that point the app at the fake. */
export function fakeStripeEnv(fake: FakeStripe) {
  return {
    STRIPE_SECRET_KEY: "sk_test_frame_picker_fake",
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    STRIPE_PRICE_MONTHLY: FAKE_PRICES.month,
    STRIPE_PRICE_YEARLY: FAKE_PRICES.year,
    STRIPE_API_BASE: fake.url,
  };
}

export function billingFor(fake: FakeStripe): Billing {
  const billing = billingFromEnv(fakeStripeEnv(fake));
  if (!billing) throw new Error("fake Stripe env did not configure billing");
  return billing;
}

/** A webhook delivery as Stripe makes it: the JSON body and its Stripe-Signature header. */
export function webhookRequest(event: FakeEvent, secret = TEST_WEBHOOK_SECRET): Request {
  const payload = JSON.stringify(event);
  return new Request("http://localhost:3000/api/stripe/webhook", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret }),
    },
    body: payload,
  });
}

/** The event as the app's webhook endpoint sees it once the signature has been checked. */
export function verifiedEvent(event: FakeEvent, secret = TEST_WEBHOOK_SECRET): Stripe.Event {
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  return Stripe.webhooks.constructEvent(payload, header, secret);
}

/** The one event of a type in a batch the fake returned (fails loudly if absent). */
export function eventOf(events: readonly FakeEvent[], type: string): FakeEvent {
  const event = events.find((e) => e.type === type);
  if (!event) throw new Error(`no ${type} among ${events.map((e) => e.type).join(", ")}`);
  return event;
}
