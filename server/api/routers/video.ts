import { z } from "zod";
import { createTRPCRouter, publicProcedure } from "~/server/api/trpc";
import { deleteVideo, listVideos } from "~/server/services/videos";

export const videoRouter = createTRPCRouter({
  list: publicProcedure.query(({ ctx }) => listVideos(ctx, ctx.viewer.id)),
  delete: publicProcedure
    .input(z.object({ videoId: z.uuid() }))
    .mutation(({ ctx, input }) => deleteVideo(ctx, ctx.viewer.id, input.videoId)),
});
