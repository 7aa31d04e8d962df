/**
 * In AWS, CloudFront adds `x-origin-verify: <secret>` to every request it forwards to the web
 * function. A request without it reached the function URL directly, around the WAF and with
 * headers (client IP) nobody vouched for: it is refused. Unset (local development), nothing is
 * checked.
 */
export const ORIGIN_VERIFY_HEADER = "x-origin-verify";

/** Compares in time independent of where the strings differ, so the secret cannot be guessed byte by byte. */
function sameSecret(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (given.charCodeAt(i) || 0) ^ expected.charCodeAt(i);
  return diff === 0;
}

export function cameThroughCdn(headers: Headers, secret: string | undefined): boolean {
  if (!secret) return true;
  return sameSecret(headers.get(ORIGIN_VERIFY_HEADER) ?? "", secret);
}
