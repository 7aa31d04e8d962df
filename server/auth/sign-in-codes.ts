/**
 * What a failed password sign-in tells the browser. Auth.js puts the code in the redirect URL
 * (`?error=CredentialsSignin&code=…`), so it must never hint whether the email exists: there is
 * one code for "unknown email" and "wrong password", and the rate-limit code carries only the
 * wait. Pure, so the sign-in form can decode it too.
 */
export const INVALID_CREDENTIALS_CODE = "invalid_credentials";
const RATE_LIMITED_PREFIX = "rate_limited_";

export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect.";

export function rateLimitedCode(retryAfterMinutes: number): string {
  return `${RATE_LIMITED_PREFIX}${retryAfterMinutes}`;
}

export function tooManyAttemptsMessage(minutes: number): string {
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/** The sentence for a failed sign-in, from the code Auth.js passed back. */
export function signInFailureMessage(code: string | undefined): string {
  if (code?.startsWith(RATE_LIMITED_PREFIX)) {
    const minutes = Number(code.slice(RATE_LIMITED_PREFIX.length));
    if (Number.isInteger(minutes) && minutes > 0) return tooManyAttemptsMessage(minutes);
  }
  return INVALID_CREDENTIALS_MESSAGE;
}
