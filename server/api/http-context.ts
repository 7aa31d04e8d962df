import { webEnv } from "~/core/env";
import { clientKeyOf } from "~/core/ip-limits";
import { clientIp } from "~/server/auth/request-ip";
import { sessionUserIdFromHeaders } from "~/server/auth/session-user";
import {
  VISITOR_COOKIE,
  newVisitorId,
  readCookie,
  serializeVisitorCookie,
  signVisitorId,
  verifyVisitorCookie,
} from "~/server/identity";
import { getServices } from "~/server/services/runtime";
import { createInnerContext, type Context } from "./trpc";

/**
 * The context for an HTTP request: the signed-in account if the session names one that still
 * exists, otherwise the anonymous visitor of the signed cookie. A request with neither (an API
 * client that never loaded a page) gets a new visitor identity, set on the response.
 */
export async function createTRPCContext(opts: { headers: Headers; resHeaders: Headers }): Promise<Context> {
  const services = getServices();
  const secret = webEnv().AUTH_SECRET;
  // The session cookie is read from this request's headers (the same JWT `auth()` decrypts).
  const userId = await sessionUserIdFromHeaders(opts.headers, secret);
  const clientKey = clientKeyOf(clientIp(opts.headers), secret);
  if (userId) {
    const ctx = await createInnerContext(services, userId, clientKey);
    if (ctx.viewer.kind === "user") return ctx;
  }
  let visitorId = await verifyVisitorCookie(readCookie(opts.headers.get("cookie"), VISITOR_COOKIE), secret);
  if (!visitorId) {
    visitorId = newVisitorId();
    const secure = opts.headers.get("x-forwarded-proto") === "https";
    opts.resHeaders.append("set-cookie", serializeVisitorCookie(await signVisitorId(visitorId, secret), secure));
  }
  const ctx = await createInnerContext(services, visitorId, clientKey);
  // A visitor id is never an account's id; refuse to act as one if it somehow were.
  if (ctx.viewer.kind !== "anonymous") throw new Error("visitor cookie names an account");
  return ctx;
}
