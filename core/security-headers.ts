/**
 * The browser-side security policy, one definition for the app (proxy.ts sets it on every page and
 * API answer) and for CloudFront (infra/lib/web.ts puts the static part on everything it serves,
 * the static assets included).
 */

/** HSTS lifetime: two years, what browsers' preload lists ask for. */
export const HSTS_MAX_AGE_SEC = 2 * 365 * 24 * 60 * 60;
export const REFERRER_POLICY = "strict-origin-when-cross-origin";

/** Headers that are the same on every answer. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Strict-Transport-Security": `max-age=${HSTS_MAX_AGE_SEC}; includeSubDomains`,
  "X-Content-Type-Options": "nosniff",
  // Links to S3 or Stripe say which site, never which page (a job id is in the URL).
  "Referrer-Policy": REFERRER_POLICY,
  // For browsers older than CSP's frame-ancestors.
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** The policy of anything that is not a page (API answers, files): it loads nothing and nobody frames it. */
export const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export interface PageCspOptions {
  /** Fresh for every page answer (newNonce). */
  nonce: string;
  /** Where the browser PUTs uploads and GETs frames (storageOrigins). */
  storageOrigins: readonly string[];
  /** `next dev`: React's development build needs eval. */
  development: boolean;
}

/**
 * A page may run only the scripts Next renders with this answer's nonce, and what those load
 * ('strict-dynamic': Next's own chunks), never inline or injected script. Styles may be inline:
 * React writes style attributes (progress bars), which nonces cannot cover.
 */
export function pageCsp({ nonce, storageOrigins, development }: PageCspOptions): string {
  const storage = storageOrigins.join(" ");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${storage}`,
    `media-src 'self' blob: ${storage}`,
    `connect-src 'self' ${storage}`,
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** 128 random bits, base64: unguessable, and new for every page answer. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export interface StorageConfig {
  AWS_REGION: string;
  S3_ENDPOINT?: string | undefined;
  S3_FORCE_PATH_STYLE: boolean;
  UPLOADS_BUCKET: string;
  FRAMES_BUCKET: string;
}

/**
 * The origins of the presigned URLs the AWS SDK makes for our buckets (core/aws.ts): a custom
 * endpoint's own origin (the SDK puts the bucket in the path there), else each bucket's
 * virtual-hosted name in the region. tests/unit/security-headers.test.ts checks this against URLs
 * the SDK really presigns.
 */
export function storageOrigins(env: StorageConfig): string[] {
  if (env.S3_ENDPOINT) return [new URL(env.S3_ENDPOINT).origin];
  const buckets = [env.UPLOADS_BUCKET, env.FRAMES_BUCKET];
  return [...new Set(buckets.map((bucket) => `https://${bucket}.s3.${env.AWS_REGION}.amazonaws.com`))];
}
