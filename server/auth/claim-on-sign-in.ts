import { cookies } from "next/headers";
import { webEnv } from "~/core/env";
import type { Db } from "~/db/client";
import { VISITOR_COOKIE, verifyVisitorCookie } from "~/server/identity";
import { claimVisitorData } from "~/server/services/account-claim";

/**
 * For OAuth sign-ins (Auth.js signIn event): the visitor of this browser hands their anonymous
 * data to the account. Password sign-ins claim inside authorize(). Never throws: a sign-in must
 * not fail because the carry-over could not run (no request scope, a database hiccup).
 */
export async function claimVisitorDataOnSignIn(db: Db, userId: string | undefined): Promise<void> {
  if (!userId) return;
  try {
    const jar = await cookies();
    const visitorId = await verifyVisitorCookie(jar.get(VISITOR_COOKIE)?.value, webEnv().AUTH_SECRET);
    if (visitorId) await claimVisitorData(db, visitorId, userId);
  } catch (err) {
    console.error("Could not move the visitor's data to the account:", err);
  }
}
