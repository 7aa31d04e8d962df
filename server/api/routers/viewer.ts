import { createTRPCRouter, publicProcedure } from "~/server/api/trpc";
import { viewerUsage } from "~/server/services/usage";

export const viewerRouter = createTRPCRouter({
  /** Who is asking and what their tier allows, for the UI's limits and client-side checks. */
  me: publicProcedure.query(({ ctx }) => ({
    kind: ctx.viewer.kind,
    email: ctx.viewer.kind === "user" ? ctx.viewer.email : null,
    name: ctx.viewer.kind === "user" ? ctx.viewer.name : null,
    tier: ctx.viewer.tier,
  })),
  /** { used, limit, period: "day" | "month", resetsAt } for the viewer's current tier. */
  usage: publicProcedure.query(({ ctx }) => viewerUsage(ctx, ctx.viewer.id, ctx.viewer.tier)),
});
