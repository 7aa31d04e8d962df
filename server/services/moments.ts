import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { UserError } from "~/core/errors";
import { manualPicksAllowed, sameFrame } from "~/core/manual-picks";
import type { JobMessage } from "~/core/queue-message";
import { formatDuration, type TierLimits } from "~/core/tiers";
import { frames, jobs, momentRequests, type MomentRequest } from "~/db/schema";
import { ownedJob, ownedJobWithVideo } from "./ownership";
import type { Services } from "./runtime";

export const addMomentInput = z.object({
  jobId: z.uuid(),
  timestampSec: z.number("Choose a moment on the timeline.").finite().min(0, "That moment is before the start of the video."),
});

/** A hand-picked moment while it is being added, or why it could not be. */
export interface MomentView {
  id: string;
  timestampSec: number;
  status: MomentRequest["status"];
  errorReason: string | null;
}

const toView = (m: MomentRequest): MomentView => ({ id: m.id, timestampSec: m.timestampSec, status: m.status, errorReason: m.errorReason });

/**
 * Adds a moment of the viewer's finished job to its picks: checked against the video and the
 * plan, given the next rank under a lock on the job, then queued for the worker like a job.
 */
export async function addMoment(svc: Services, ownerId: string, tier: TierLimits, input: z.infer<typeof addMomentInput>): Promise<MomentView> {
  const { job, video } = await ownedJobWithVideo(svc.db, ownerId, input.jobId);
  if (job.status !== "done") throw new UserError("PRECONDITION_FAILED", "Moments can be added once the job has finished.");
  if (video.durationSec !== null && input.timestampSec > video.durationSec) {
    throw new UserError("BAD_REQUEST", `That moment is past the end of the video (${formatDuration(video.durationSec)}).`);
  }
  const moment = await svc.db.transaction(async (tx) => {
    await tx.select({ id: jobs.id }).from(jobs).where(eq(jobs.id, job.id)).for("update");
    const asked = await tx.select().from(momentRequests).where(and(eq(momentRequests.jobId, job.id), ne(momentRequests.status, "failed")));
    const allowed = manualPicksAllowed(tier);
    if (asked.length >= allowed) {
      throw new UserError("TOO_MANY_REQUESTS", `You can add up to ${allowed} frames by hand to a job on the ${tier.label} plan.`);
    }
    const picked = await tx.select({ t: frames.timestampSec }).from(frames).where(eq(frames.jobId, job.id));
    if ([...picked.map((p) => p.t), ...asked.map((a) => a.timestampSec)].some((t) => sameFrame(t, input.timestampSec, video.fps))) {
      throw new UserError("CONFLICT", "That moment is already one of the picks.");
    }
    const [{ next }] = (await tx
      .select({
        next: sql<number>`greatest((select coalesce(max(${frames.rank}), 0) from ${frames} where ${frames.jobId} = ${job.id}), (select coalesce(max(${momentRequests.rank}), 0) from ${momentRequests} where ${momentRequests.jobId} = ${job.id})) + 1`,
      })
      .from(jobs)
      .where(eq(jobs.id, job.id))) as [{ next: number }];
    const [row] = await tx.insert(momentRequests).values({ jobId: job.id, timestampSec: input.timestampSec, rank: next }).returning();
    return row!;
  });

  const message: JobMessage = { jobId: job.id, momentId: moment.id };
  try {
    await svc.sqs.send(
      new SendMessageCommand({ QueueUrl: tier.priorityQueue ? svc.env.JOBS_PRIORITY_QUEUE_URL : svc.env.JOBS_QUEUE_URL, MessageBody: JSON.stringify(message) }),
    );
  } catch (err) {
    await svc.db.update(momentRequests).set({ status: "failed", errorReason: "We could not queue this moment. Please try again." }).where(eq(momentRequests.id, moment.id));
    throw err;
  }
  return toView(moment);
}

/** The moments of one of the viewer's jobs still being added, or that could not be: the added ones are frames. */
export async function listMoments(svc: Services, ownerId: string, jobId: string): Promise<{ moments: MomentView[] }> {
  const job = await ownedJob(svc.db, ownerId, jobId);
  const rows = await svc.db
    .select()
    .from(momentRequests)
    .where(and(eq(momentRequests.jobId, job.id), ne(momentRequests.status, "done")))
    .orderBy(asc(momentRequests.createdAt));
  return { moments: rows.map(toView) };
}
