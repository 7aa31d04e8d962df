import { eq } from "drizzle-orm";
import type { Db } from "~/db/client";
import { users } from "~/db/schema";
import { TIERS, type TierLimits } from "./tiers";

/** The tier an owner has right now, read from the database (never from a stale token). */
export async function tierForOwner(db: Db, ownerId: string): Promise<TierLimits> {
  const [user] = await db.select({ isAnonymous: users.isAnonymous }).from(users).where(eq(users.id, ownerId));
  if (!user || user.isAnonymous) return TIERS.anonymous;
  return TIERS.free;
}
