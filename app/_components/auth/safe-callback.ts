/** Where a signed-in visitor goes when nothing asked for another page. */
export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

/**
 * The `?callbackUrl=` value if it is a path on this site, else the dashboard. Absolute URLs and
 * protocol-relative tricks ("//evil.example", "/\\evil.example") would send a freshly signed-in
 * user to someone else's page.
 */
export function safeCallbackPath(raw: string | string[] | undefined | null): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return DEFAULT_AFTER_SIGN_IN;
  if (/[\u0000-\u001f\u007f]/.test(value)) return DEFAULT_AFTER_SIGN_IN;
  // Signing in must not loop back to an auth page.
  if (/^\/(sign-in|sign-up|auth\/error)(?=$|[/?#])/.test(value)) return DEFAULT_AFTER_SIGN_IN;
  return value;
}

/** A link to another auth page that keeps the callback (omitted when it is the default). */
export function withCallback(path: string, callbackPath: string): string {
  return callbackPath === DEFAULT_AFTER_SIGN_IN ? path : `${path}?callbackUrl=${encodeURIComponent(callbackPath)}`;
}
