/**
 * tRPC setup: the request context (services + the viewer), the error shape clients see, and
 * the procedures routers build on. Every request is resolved to
 * the context's viewer, and every query a procedure makes is scoped to `ctx.viewer.id`.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { UserError } from "~/core/errors";
import { TIERS, type TierLimits } from "~/core/tiers";
import { webEnv } from "~/core/env";
import {
  VISITOR_COOKIE,
  newVisitorId,
  readCookie,
  serializeVisitorCookie,
  signVisitorId,
  verifyVisitorCookie,
} from "~/server/identity";
import { getServices, type Services } from "~/server/services/runtime";

export interface Viewer {
  id: string;
  kind: "anonymous";
  tier: TierLimits;
}

export interface Context extends Services {
  viewer: Viewer;
}

/** The context for a known viewer; what tests use directly. */
export function createInnerContext(services: Services, viewerId: string): Context {
  return { ...services, viewer: { id: viewerId, kind: "anonymous", tier: TIERS.anonymous } };
}

/**
 * The context for an HTTP request. A request without a valid identity cookie (an API client
 * that never loaded a page) gets a new identity, set on the response.
 */
export async function createTRPCContext(opts: { headers: Headers; resHeaders: Headers }): Promise<Context> {
  const secret = webEnv().AUTH_SECRET;
  let viewerId = await verifyVisitorCookie(readCookie(opts.headers.get("cookie"), VISITOR_COOKIE), secret);
  if (!viewerId) {
    viewerId = newVisitorId();
    const secure = opts.headers.get("x-forwarded-proto") === "https";
    opts.resHeaders.append("set-cookie", serializeVisitorCookie(await signVisitorId(viewerId, secret), secure));
  }
  return createInnerContext(getServices(), viewerId);
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        // Field errors for forms: { formErrors: string[], fieldErrors: { field: string[] } }.
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;
/** Domain code throws UserError; clients get the same message under a tRPC code they can act on. */
const userErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof UserError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

/** The context always carries a viewer (anonymous visitors included); data is scoped to it. */
export const publicProcedure = t.procedure.use(userErrors);
