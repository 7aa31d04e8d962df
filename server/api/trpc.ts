/**
 * tRPC setup: the request context (services + the viewer), the error shape clients see, and
 * the procedures routers build on. Every request is resolved to
 * the context's viewer, and every query a procedure makes is scoped to `ctx.viewer.id`.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { UserError } from "~/core/errors";
import { IP_LIMITS, spendIpAllowance, type IpLimitName } from "~/core/ip-limits";
import { tierForAccount } from "~/core/owner-tier";
import { TIERS, type TierLimits } from "~/core/tiers";
import { users } from "~/db/schema";
import type { Services } from "~/server/services/runtime";

export interface Viewer {
  id: string;
  /** "user" for an account (email/password or OAuth); "anonymous" for a cookie-identified visitor. */
  kind: "anonymous" | "user";
  email: string | null;
  name: string | null;
  /** Read from the database for this request, so an upgrade or a lapse applies at once. */
  tier: TierLimits;
}

export interface Context extends Services {
  viewer: Viewer;
  /** The client network the request came from, as a keyed hash (core/ip-limits.ts); null when unknown (in-process callers). */
  clientKey: string | null;
}

/**
 * The context for a known owner id (an account's, or an anonymous visitor's); the HTTP context
 * (`http-context.ts`) decides which id a request speaks for, and tests call this directly.
 */
export async function createInnerContext(services: Services, viewerId: string, clientKey: string | null = null): Promise<Context> {
  const [row] = await services.db
    .select({ isAnonymous: users.isAnonymous, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, viewerId));
  const kind = row && !row.isAnonymous ? "user" : "anonymous";
  // One query more for accounts (their subscriptions); none for guests.
  const tier = kind === "user" ? await tierForAccount(services.db, viewerId) : TIERS.anonymous;
  return { ...services, viewer: { id: viewerId, kind, email: row?.email ?? null, name: row?.name ?? null, tier }, clientKey };
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

/** Only for accounts: anonymous visitors get UNAUTHORIZED (checked here, never trusted from a proxy). */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.viewer.kind !== "user") {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in to do this." });
  }
  return next({ ctx: { viewer: { ...ctx.viewer, kind: "user" as const } } });
});

/**
 * Counts the call against its per-IP limit (core/ip-limits.ts) before it runs; used after
 * `.input()`, so a call refused for its input costs nothing. Guest-only limits skip accounts.
 */
export function ipLimited(name: IpLimitName) {
  return t.middleware(async ({ ctx, next }) => {
    const applies = IP_LIMITS[name].appliesTo === "everyone" || ctx.viewer.kind === "anonymous";
    if (ctx.clientKey && applies) await spendIpAllowance(ctx.db, name, ctx.clientKey);
    return next();
  });
}
