import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { users } from "~/db/schema";
import { getServices } from "~/server/services/runtime";
import { sessionUserId } from "./index";

/** The sign-in page that comes back to `callbackPath` afterwards. */
export function signInPathFor(callbackPath: string): string {
  return `/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`;
}

export interface SignedInUser {
  id: string;
  email: string | null;
}

/**
 * The signed-in account, read from the database (a session naming a deleted or anonymous row
 * does not count), or null.
 */
export async function currentUser(): Promise<SignedInUser | null> {
  const userId = await sessionUserId();
  if (!userId) return null;
  const [row] = await getServices()
    .db.select({ id: users.id, email: users.email, isAnonymous: users.isAnonymous })
    .from(users)
    .where(eq(users.id, userId));
  return row && !row.isAnonymous ? { id: row.id, email: row.email } : null;
}

/** For server components that need an account: the user, or a redirect to sign in and back. */
export async function requireUser(callbackPath: string): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect(signInPathFor(callbackPath));
  return user;
}
