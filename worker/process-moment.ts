import { MANUAL_PICK_TIMEOUT_MS } from "~/core/manual-picks";
import { tierForOwner } from "~/core/owner-tier";
import { scoreNear } from "~/core/timeline";
import { deliverFrame, type FrameDelivery } from "./deliver-frame";
import { MediaError } from "./media/errors";
import { claimMoment, completeMoment, failMoment } from "./moment-store";
import { outputPolicyFor } from "./output-policy";
import type { Outcome, WorkerDeps } from "./process-job";
import { downloadToTemp } from "./source-file";

const INTERNAL_FAILURE = "Something went wrong on our side while adding this moment. Please try it again in a few minutes.";

/**
 * Renders a moment the owner added from the timeline as one more frame of the job: the same
 * grab (with its checks and fallbacks), plan, crops and download name as the picker's frames,
 * under the rank fixed when it was asked for. Its own failure never touches the job.
 */
export async function processMoment(deps: WorkerDeps, momentId: string, receiveCount: number): Promise<Outcome> {
  const claim = await claimMoment(deps.db, momentId);
  if (!claim) return "ack"; // done, failed, or its job gone: nothing to do
  const { moment, job, video } = claim;
  const signal = AbortSignal.timeout(MANUAL_PICK_TIMEOUT_MS);
  let source: Awaited<ReturnType<typeof downloadToTemp>> | undefined;
  try {
    const tier = await tierForOwner(deps.db, job.ownerId);
    source = await downloadToTemp(deps.s3, deps.env.UPLOADS_BUCKET, video.s3Key, signal);
    const profile = job.mode === "profile";
    const delivery: FrameDelivery = {
      s3: deps.s3,
      bucket: deps.env.FRAMES_BUCKET,
      framesPrefix: job.framesPrefix,
      policy: outputPolicyFor(tier, job.outputFormat),
      // No analysis faces for a moment nobody scanned: the crops find the face on the full frame.
      crops: profile ? { analysis: { width: video.width ?? 1, height: video.height ?? 1 }, detector: await deps.faceDetector() } : null,
      signal,
    };
    const pick = { timestampSec: moment.timestampSec, score: scoreNear(job.timeline, moment.timestampSec) ?? 0, metrics: {}, faces: null };
    const frame = await deliverFrame(delivery, source.file, pick, moment.rank);
    await completeMoment(deps.db, claim, frame);
    return "ack";
  } catch (error) {
    if (error instanceof MediaError) {
      await failMoment(deps.db, momentId, error.userMessage);
      return "ack";
    }
    console.error(`moment ${momentId} of job ${job.id}: attempt ${claim.attempt} failed (delivery ${receiveCount})`, error);
    if (receiveCount >= deps.env.WORKER_MAX_RECEIVES) {
      await failMoment(deps.db, momentId, INTERNAL_FAILURE);
      return "ack";
    }
    return "retry";
  } finally {
    await source?.dispose();
  }
}
