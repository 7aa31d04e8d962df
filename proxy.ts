import { NextResponse, type NextRequest } from "next/server";
import { webEnv } from "~/core/env";
import { newNonce, pageCsp, RESOURCE_CSP, STATIC_SECURITY_HEADERS, storageOrigins } from "~/core/security-headers";
import {
  VISITOR_COOKIE,
  newVisitorId,
  signVisitorId,
  verifyVisitorCookie,
  visitorCookieAttributes,
} from "~/server/identity";
import { cameThroughCdn } from "~/server/origin-verify";

const CSP = "Content-Security-Policy";

/**
 * Runs before every page and API request. In AWS it refuses requests that did not come through
 * CloudFront. Every answer gets the security headers (core/security-headers.ts); a page gets a
 * policy with a fresh nonce, which Next reads from the request's own CSP header and puts on the
 * scripts it renders. For pages, it also gives a first-time visitor their signed identity cookie
 * on the first load, before the page's API calls run in parallel (each of which would otherwise
 * mint an identity of its own); the API checks the cookie itself on every call.
 */
export async function proxy(request: NextRequest) {
  const env = webEnv();
  if (!cameThroughCdn(request.headers, env.ORIGIN_VERIFY_SECRET)) {
    return secured(new NextResponse("Forbidden", { status: 403, headers: { "content-type": "text/plain" } }), RESOURCE_CSP);
  }
  if (request.nextUrl.pathname.startsWith("/api/")) return secured(NextResponse.next(), RESOURCE_CSP);

  const csp = pageCsp({ nonce: newNonce(), storageOrigins: storageOrigins(env), development: process.env.NODE_ENV === "development" });
  request.headers.set(CSP, csp);
  const current = request.cookies.get(VISITOR_COOKIE)?.value;
  if (await verifyVisitorCookie(current, env.AUTH_SECRET)) {
    return secured(NextResponse.next({ request: { headers: request.headers } }), csp);
  }

  const value = await signVisitorId(newVisitorId(), env.AUTH_SECRET);
  // Let this request's own rendering see the cookie too.
  request.cookies.set(VISITOR_COOKIE, value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(VISITOR_COOKIE, value, visitorCookieAttributes(request.nextUrl.protocol === "https:"));
  return secured(response, csp);
}

function secured(response: NextResponse, csp: string): NextResponse {
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  response.headers.set(CSP, csp);
  return response;
}

export const config = {
  // Everything but Next's static files and public/'s (served from S3 in AWS, with CloudFront's headers).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|icons/|og.png|manifest.webmanifest).*)"],
};
