import { cookies } from "next/headers";
import { webEnv } from "~/core/env";
import { newVisitorId, signVisitorId, VISITOR_COOKIE, visitorCookieAttributes } from "~/server/identity";

/**
 * Gives this browser a new anonymous identity (Auth.js signIn and signOut events). At sign-in the
 * old visitor's data has just moved to the account, and at sign-out the browser becomes a
 * stranger again: either way an identity that was seen on this machine, perhaps a shared one, must
 * not keep naming whoever comes next. Never throws: signing in or out must not fail because of it.
 */
export async function rotateVisitorCookie(): Promise<void> {
  try {
    const env = webEnv();
    const value = await signVisitorId(newVisitorId(), env.AUTH_SECRET);
    (await cookies()).set(VISITOR_COOKIE, value, visitorCookieAttributes(new URL(env.APP_URL).protocol === "https:"));
  } catch (err) {
    console.error("Could not give the browser a new visitor identity:", err);
  }
}
