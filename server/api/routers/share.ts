import { createTRPCRouter, publicProcedure } from "~/server/api/trpc";
import { jobIdInput } from "~/server/services/jobs";
import {
  createShareLink,
  createShareLinkInput,
  listShareLinks,
  revokeShareLink,
  sharedGallery,
  shareLinkIdInput,
  shareTokenInput,
} from "~/server/services/share-links";

export const shareRouter = createTRPCRouter({
  create: publicProcedure.input(createShareLinkInput).mutation(({ ctx, input }) => createShareLink(ctx, ctx.viewer.id, input)),
  list: publicProcedure.input(jobIdInput).query(({ ctx, input }) => listShareLinks(ctx, ctx.viewer.id, input.jobId)),
  revoke: publicProcedure.input(shareLinkIdInput).mutation(({ ctx, input }) => revokeShareLink(ctx, ctx.viewer.id, input.linkId)),
  /** Anyone with the token: the viewer's identity plays no part. */
  view: publicProcedure.input(shareTokenInput).query(({ ctx, input }) => sharedGallery(ctx, input.token)),
});
