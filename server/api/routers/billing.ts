import { z } from "zod";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "~/server/api/trpc";
import {
  billingStatus,
  confirmCheckout,
  createCheckoutSession,
  createPortalSession,
  listPayments,
  planFor,
  resumeSubscription,
} from "~/server/services/billing";
import { retentionOutlook } from "~/server/services/retention-outlook";

// Strict objects: a client cannot smuggle in return URLs or prices; unknown keys are a 400.
export const billingRouter = createTRPCRouter({
  /** Public: whether billing is on, and the prices to show. */
  status: publicProcedure.query(({ ctx }) => billingStatus(ctx)),
  plan: protectedProcedure.query(({ ctx }) => planFor(ctx.db, ctx.viewer.id)),
  payments: protectedProcedure.query(({ ctx }) => listPayments(ctx, ctx.viewer.id)),
  /** What stays, and until when, if the plan changes: nothing made is deleted early. */
  retentionOutlook: protectedProcedure.query(({ ctx }) => retentionOutlook(ctx.db, ctx.viewer.id)),
  checkout: protectedProcedure
    .input(z.strictObject({ interval: z.enum(["month", "year"]) }))
    .mutation(({ ctx, input }) => createCheckoutSession(ctx, ctx.viewer.id, input.interval)),
  confirmCheckout: protectedProcedure
    .input(z.strictObject({ sessionId: z.string().regex(/^cs_\w{1,250}$/, "That is not a checkout session id.") }))
    .mutation(({ ctx, input }) => confirmCheckout(ctx, ctx.viewer.id, input.sessionId)),
  portal: protectedProcedure.mutation(({ ctx }) => createPortalSession(ctx, ctx.viewer.id)),
  resume: protectedProcedure.mutation(({ ctx }) => resumeSubscription(ctx, ctx.viewer.id)),
});
