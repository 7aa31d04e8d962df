import { CredentialsSignin } from "next-auth";
import { webEnv } from "~/core/env";
import type { Db } from "~/db/client";
import { VISITOR_COOKIE, readCookie, verifyVisitorCookie } from "~/server/identity";
import { signInWithPassword } from "~/server/services/account-sign-in";
import { clientIp } from "./request-ip";
import { INVALID_CREDENTIALS_CODE, rateLimitedCode } from "./sign-in-codes";

/** Unknown email and wrong password alike: the code must not say which. */
class InvalidCredentials extends CredentialsSignin {
  code = INVALID_CREDENTIALS_CODE;
}

class TooManyAttempts extends CredentialsSignin {
  constructor(retryAfterMinutes: number) {
    super();
    this.code = rateLimitedCode(retryAfterMinutes);
  }
}

/**
 * The Credentials provider's authorize(): the request supplies the client IP (for the rate
 * limit) and the visitor cookie (whose anonymous data moves to the account on success).
 */
export async function authorizePassword(
  db: Db,
  credentials: Partial<Record<string, unknown>>,
  request: Request,
): Promise<{ id: string; email: string; name: string | null }> {
  const visitorId = await verifyVisitorCookie(
    readCookie(request.headers.get("cookie"), VISITOR_COOKIE),
    webEnv().AUTH_SECRET,
  );
  const result = await signInWithPassword(db, {
    email: credentials.email,
    password: credentials.password,
    ip: clientIp(request.headers),
    visitorId,
  });
  if (result.ok) return result.user;
  if (result.reason === "rate_limited") throw new TooManyAttempts(result.retryAfterMinutes);
  throw new InvalidCredentials();
}
