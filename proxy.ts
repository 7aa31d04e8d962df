import { NextResponse, type NextRequest } from "next/server";
import { webEnv } from "~/core/env";
import {
  VISITOR_COOKIE,
  newVisitorId,
  signVisitorId,
  verifyVisitorCookie,
  visitorCookieAttributes,
} from "~/server/identity";

/**
 * Gives a first-time visitor their signed identity cookie on the first page load, before the
 * page's API calls run in parallel (each of which would otherwise mint an identity of its own).
 * The API checks the cookie itself on every call; this is only the early issuer.
 */
export async function proxy(request: NextRequest) {
  const secret = webEnv().AUTH_SECRET;
  const current = request.cookies.get(VISITOR_COOKIE)?.value;
  if (await verifyVisitorCookie(current, secret)) return NextResponse.next();

  const value = await signVisitorId(newVisitorId(), secret);
  // Let this request's own rendering see the cookie too.
  request.cookies.set(VISITOR_COOKIE, value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(VISITOR_COOKIE, value, visitorCookieAttributes(request.nextUrl.protocol === "https:"));
  return response;
}

export const config = {
  // Pages only: static files, images and the API (which issues its own) are left alone.
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg|.*\\.(?:png|jpg|jpeg|svg|webp|ico|txt)$).*)"],
};
