import Stripe from "stripe";
import { UserError } from "~/core/errors";
import type { WebEnv } from "~/server/services/runtime";

/** The Stripe API version this code is written against; Stripe answers in this shape whatever the account's default. */
export const STRIPE_API_VERSION = "2026-10-28.endive" satisfies Stripe.LatestApiVersion;

export interface Billing {
  stripe: Stripe;
  webhookSecret: string;
  prices: { month: string; year: string };
}

type StripeEnv = Pick<
  WebEnv,
  "STRIPE_SECRET_KEY" | "STRIPE_WEBHOOK_SECRET" | "STRIPE_PRICE_MONTHLY" | "STRIPE_PRICE_YEARLY" | "STRIPE_API_BASE"
>;

/**
 * Billing from the environment, or null when Stripe is not configured (the app then runs without
 * billing and says so). Built lazily, so `next build` works without secrets. STRIPE_API_BASE
 * points outbound calls at a loopback fake in tests.
 */
export function billingFromEnv(env: StripeEnv): Billing | null {
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET || !env.STRIPE_PRICE_MONTHLY || !env.STRIPE_PRICE_YEARLY) {
    return null;
  }
  const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : undefined;
  const stripe = new Stripe(env.STRIPE_SECRET_KEY, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: 2,
    telemetry: false,
    ...(base && {
      host: base.hostname,
      port: Number(base.port) || (base.protocol === "https:" ? 443 : 80),
      protocol: base.protocol === "https:" ? "https" : "http",
    }),
  });
  return {
    stripe,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    prices: { month: env.STRIPE_PRICE_MONTHLY, year: env.STRIPE_PRICE_YEARLY },
  };
}

export const BILLING_NOT_CONFIGURED = "Billing is not configured on this server.";

/** The configured Billing; without Stripe keys every billing action answers the same clear error. */
export function requireBilling(billing: Billing | null): Billing {
  if (!billing) throw new UserError("PRECONDITION_FAILED", BILLING_NOT_CONFIGURED);
  return billing;
}

/** Stripe's "no such object" (an unknown or foreign id), as opposed to an outage. */
export function isStripeNotFound(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeError && error.statusCode === 404;
}
