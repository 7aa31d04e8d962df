import { z } from "zod";
import { createTRPCRouter, ipLimited, publicProcedure } from "~/server/api/trpc";
import {
  abortUpload,
  completeUpload,
  completeUploadInput,
  createUpload,
  createUploadInput,
} from "~/server/services/uploads";

export const uploadRouter = createTRPCRouter({
  create: publicProcedure
    .input(createUploadInput)
    .use(ipLimited("uploadCreate"))
    .use(ipLimited("guestUploads"))
    .mutation(({ ctx, input }) => createUpload(ctx, ctx.viewer.id, ctx.viewer.tier, input)),
  complete: publicProcedure
    .input(completeUploadInput)
    .mutation(({ ctx, input }) => completeUpload(ctx, ctx.viewer.id, input)),
  abort: publicProcedure
    .input(z.object({ videoId: z.uuid() }))
    .mutation(({ ctx, input }) => abortUpload(ctx, ctx.viewer.id, input.videoId)),
});
