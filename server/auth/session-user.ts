import { getToken } from "next-auth/jwt";

/** Auth.js names its cookie with the __Secure- prefix when the site is served over https. */
const SECURE_SESSION_COOKIE = "__Secure-authjs.session-token";

/**
 * The signed-in user's id from a request's session cookie, or null. Same JWT as `auth()`
 * decrypts, but reads the given headers instead of Next's request scope, so it also works in a
 * route handler under test and outside Next. Decryption checks the token's expiry.
 */
export async function sessionUserIdFromHeaders(headers: Headers, secret: string): Promise<string | null> {
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  const secureCookie = cookie.includes(SECURE_SESSION_COOKIE);
  // Only the cookie: an Authorization bearer header is not a way in for this app.
  const token = await getToken({ req: { headers: new Headers({ cookie }) }, secret, secureCookie });
  return typeof token?.sub === "string" ? token.sub : null;
}
