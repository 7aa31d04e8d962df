import { and, eq, isNull } from "drizzle-orm";
import { UserError } from "~/core/errors";
import type { Db } from "~/db/client";
import { users } from "~/db/schema";
import type { Billing } from "./stripe-client";

/** The user's Stripe customer id, if they have ever started a checkout. */
export async function customerIdOf(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.select({ customerId: users.stripeCustomerId }).from(users).where(eq(users.id, userId));
  return row?.customerId ?? null;
}

/** Whose customer this is; null for a customer this app did not create (or a deleted user). */
export async function userIdForCustomer(db: Db, customerId: string): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.stripeCustomerId, customerId));
  return row?.id ?? null;
}

/**
 * The user's Stripe customer, created the first time and stored on the user. Concurrent calls
 * converge without holding a lock across the network: they send the same idempotency key (so
 * Stripe creates one customer and answers both with it), and only the first conditional update
 * stores it; the others read back what was stored.
 */
export async function ensureCustomer(db: Db, billing: Billing, userId: string): Promise<string> {
  const [user] = await db
    .select({ email: users.email, isAnonymous: users.isAnonymous, customerId: users.stripeCustomerId })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.isAnonymous) throw new UserError("NOT_FOUND", "Please sign in to manage billing.");
  if (user.customerId) return user.customerId;

  const customer = await billing.stripe.customers.create(
    { ...(user.email && { email: user.email }), metadata: { userId } },
    { idempotencyKey: `frame-picker-customer-${userId}` },
  );
  const [stored] = await db
    .update(users)
    .set({ stripeCustomerId: customer.id })
    .where(and(eq(users.id, userId), isNull(users.stripeCustomerId)))
    .returning({ customerId: users.stripeCustomerId });
  if (stored?.customerId) return stored.customerId;
  const existing = await customerIdOf(db, userId);
  if (!existing) throw new Error(`user ${userId} disappeared while creating their Stripe customer`);
  return existing;
}
