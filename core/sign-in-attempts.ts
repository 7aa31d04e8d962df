import { lt } from "drizzle-orm";
import type { Db } from "~/db/client";
import { signInAttempts } from "~/db/schema";

/** How long a failed password sign-in counts against its email and IP. */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

/** Deletes attempts too old to count; the retention sweep calls it (the table grows with every try). */
export async function pruneSignInAttempts(db: Db, now: Date = new Date()): Promise<number> {
  const rows = await db
    .delete(signInAttempts)
    .where(lt(signInAttempts.createdAt, new Date(now.getTime() - SIGN_IN_WINDOW_MS)))
    .returning({ id: signInAttempts.id });
  return rows.length;
}
