import { createTRPCRouter, ipLimited, publicProcedure } from "~/server/api/trpc";
import { listJobFrames } from "~/server/services/frames";
import { addMoment, addMomentInput, listMoments } from "~/server/services/moments";
import { jobTimeline } from "~/server/services/timeline";
import { cancelJob, createJob, createJobInput, getJobStatus, jobIdInput } from "~/server/services/jobs";

export const jobRouter = createTRPCRouter({
  create: publicProcedure
    .input(createJobInput)
    .use(ipLimited("jobCreate"))
    .mutation(({ ctx, input }) => createJob(ctx, ctx.viewer.id, ctx.viewer.tier, input)),
  status: publicProcedure.input(jobIdInput).query(({ ctx, input }) => getJobStatus(ctx, ctx.viewer.id, input.jobId)),
  frames: publicProcedure.input(jobIdInput).query(({ ctx, input }) => listJobFrames(ctx, ctx.viewer.id, input.jobId)),
  /** The scores along the video and the video itself, for the results page's timeline (owner only). */
  timeline: publicProcedure.input(jobIdInput).query(({ ctx, input }) => jobTimeline(ctx, ctx.viewer.id, input.jobId)),
  /** Adds a moment chosen on the timeline to the picks; the worker renders it. */
  addMoment: publicProcedure.input(addMomentInput).mutation(({ ctx, input }) => addMoment(ctx, ctx.viewer.id, ctx.viewer.tier, input)),
  moments: publicProcedure.input(jobIdInput).query(({ ctx, input }) => listMoments(ctx, ctx.viewer.id, input.jobId)),
  cancel: publicProcedure.input(jobIdInput).mutation(({ ctx, input }) => cancelJob(ctx, ctx.viewer.id, input.jobId)),
});
