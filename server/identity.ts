/**
 * The anonymous visitor's identity: a random id in an httpOnly cookie, signed with HMAC-SHA256
 * so nobody can claim an id the server did not issue. Web Crypto only, so the proxy and the
 * API share this code whatever runtime they run on.
 */
export const VISITOR_COOKIE = "fp_visitor";
const VISITOR_COOKIE_MAX_AGE_SEC = 60 * 60 * 24 * 365;
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    // A distinct purpose prefix keeps this key apart from other uses of AUTH_SECRET.
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(`frame-picker/visitor-cookie/v1:${secret}`),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    keys.set(secret, key);
  }
  return key;
}

function toBase64Url(bytes: ArrayBuffer): string {
  return Buffer.from(bytes).toString("base64url");
}

export async function signVisitorId(id: string, secret: string): Promise<string> {
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(id));
  return `${id}.${toBase64Url(sig)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The visitor id in a cookie value, or null when it is missing, malformed or forged. */
export async function verifyVisitorCookie(value: string | undefined, secret: string): Promise<string | null> {
  if (!value) return null;
  const dot = value.indexOf(".");
  const id = value.slice(0, dot);
  if (dot < 0 || !UUID.test(id)) return null;
  let sig: Buffer;
  try {
    sig = Buffer.from(value.slice(dot + 1), "base64url");
  } catch {
    return null;
  }
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(secret), new Uint8Array(sig), encoder.encode(id));
  return ok ? id : null;
}

export function newVisitorId(): string {
  return crypto.randomUUID();
}

/** Attributes for the cookie header; Secure everywhere but plain-http localhost development. */
export function visitorCookieAttributes(secure: boolean) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure,
    path: "/",
    maxAge: VISITOR_COOKIE_MAX_AGE_SEC,
  };
}

export function serializeVisitorCookie(value: string, secure: boolean): string {
  const a = visitorCookieAttributes(secure);
  return [
    `${VISITOR_COOKIE}=${value}`,
    `Path=${a.path}`,
    `Max-Age=${a.maxAge}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(a.secure ? ["Secure"] : []),
  ].join("; ");
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
