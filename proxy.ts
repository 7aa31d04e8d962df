import { NextResponse, type NextRequest } from "next/server";
import { webEnv } from "~/core/env";
import {
  VISITOR_COOKIE,
  newVisitorId,
  signVisitorId,
  verifyVisitorCookie,
  visitorCookieAttributes,
} from "~/server/identity";
import { cameThroughCdn } from "~/server/origin-verify";

/**
 * Runs before every page and API request. In AWS it refuses requests that did not come through
 * CloudFront. For pages, it gives a first-time visitor their signed identity cookie on the first
 * load, before the page's API calls run in parallel (each of which would otherwise mint an
 * identity of its own); the API checks the cookie itself on every call.
 */
export async function proxy(request: NextRequest) {
  const env = webEnv();
  if (!cameThroughCdn(request.headers, env.ORIGIN_VERIFY_SECRET)) {
    return new NextResponse("Forbidden", { status: 403, headers: { "content-type": "text/plain" } });
  }
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();

  const current = request.cookies.get(VISITOR_COOKIE)?.value;
  if (await verifyVisitorCookie(current, env.AUTH_SECRET)) return NextResponse.next();

  const value = await signVisitorId(newVisitorId(), env.AUTH_SECRET);
  // Let this request's own rendering see the cookie too.
  request.cookies.set(VISITOR_COOKIE, value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(VISITOR_COOKIE, value, visitorCookieAttributes(request.nextUrl.protocol === "https:"));
  return response;
}

export const config = {
  // Everything but Next's static files (served from S3 in AWS) and the icons.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
