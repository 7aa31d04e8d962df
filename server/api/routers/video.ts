import { z } from "zod";
import { createTRPCRouter, publicProcedure } from "~/server/api/trpc";
import { deleteVideo, listVideos, readyVideo } from "~/server/services/videos";

const videoIdInput = z.object({ videoId: z.uuid() });

export const videoRouter = createTRPCRouter({
  list: publicProcedure.query(({ ctx }) => listVideos(ctx, ctx.viewer.id)),
  /** An uploaded video of the viewer's, to configure a new job on (My videos → Find best frames). */
  ready: publicProcedure.input(videoIdInput).query(({ ctx, input }) => readyVideo(ctx, ctx.viewer.id, input.videoId)),
  delete: publicProcedure.input(videoIdInput).mutation(({ ctx, input }) => deleteVideo(ctx, ctx.viewer.id, input.videoId)),
});
