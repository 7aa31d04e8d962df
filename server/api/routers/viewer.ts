import { createTRPCRouter, publicProcedure } from "~/server/api/trpc";

export const viewerRouter = createTRPCRouter({
  /** Who is asking and what their tier allows, for the UI's limits and client-side checks. */
  me: publicProcedure.query(({ ctx }) => ({ tier: ctx.viewer.tier, kind: ctx.viewer.kind })),
});
