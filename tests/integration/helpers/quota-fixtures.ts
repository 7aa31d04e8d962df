/** Owners for the tier tests: accounts are plain users rows; Pro is a live subscription row (no Stripe). */
import { and, count, eq, isNull } from "drizzle-orm";
import { quotaCharges, subscriptions, users } from "~/db/schema";
import type { TestStack } from "./stack";

export async function makeAccount(stack: TestStack, tier: "free" | "pro"): Promise<string> {
  const id = crypto.randomUUID();
  await stack.services.db.insert(users).values({ id, email: `${id}@example.test`, isAnonymous: false });
  if (tier === "pro") {
    await stack.services.db.insert(subscriptions).values({
      id: `sub_${id.replaceAll("-", "")}`,
      userId: id,
      status: "active",
      interval: "month",
      currentPeriodEnd: new Date(Date.now() + 20 * 24 * 3_600_000),
    });
  }
  return id;
}

/** Charges that count: not released (any period). */
export async function openCharges(stack: TestStack, ownerId: string): Promise<number> {
  const [row] = await stack.services.db
    .select({ n: count() })
    .from(quotaCharges)
    .where(and(eq(quotaCharges.ownerId, ownerId), isNull(quotaCharges.releasedAt)));
  return row?.n ?? 0;
}
