import { SendMessageCommand } from "@aws-sdk/client-sqs";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { createS3, createSqs } from "~/core/aws";
import { workerEnv } from "~/core/env";
import { MAX_HAND_BACKS, retryDelaySec, scaledJobTiming } from "~/core/job-timing";
import { tierForOwner } from "~/core/owner-tier";
import { jobMessageSchema, type JobMessage } from "~/core/queue-message";
import { getDb } from "~/db/client";
import { createFaceDetector } from "./faces/detector";
import { failJob, openJobOwner } from "./job-store";
import { messageVisibility, type JobQueues } from "./message-visibility";
import { failMoment } from "./moment-store";
import { processJob, type WorkerDeps } from "./process-job";
import { processMoment } from "./process-moment";
import { withJobSpan } from "./tracing";
import { sweepExpired, type SweepResult } from "./retention";

/** Parses a record's body; null for a poison message that no retry can fix. */
function messageOf(record: SQSRecord): JobMessage | null {
  try {
    const parsed = jobMessageSchema.safeParse(JSON.parse(record.body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What the job handler needs: the worker's, and the queues whose messages it times (core/job-timing.ts). */
export interface HandlerDeps extends WorkerDeps {
  queues: JobQueues;
}

/**
 * The SQS handler (the worker Lambda; locally the runner calls the very same function).
 * Records are processed one by one; those to retry are reported as partial batch failures, after
 * their message was set to come back when the timing policy says (not when the queue's own
 * visibility timeout, sized for the longest job, runs out).
 */
export function createJobHandler(deps: HandlerDeps) {
  /** `context` is the Lambda's: its remaining time caps each attempt (none locally). */
  return async function handleJobs(event: SQSEvent, context?: Pick<Context, "getRemainingTimeInMillis">): Promise<SQSBatchResponse> {
    const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records) {
      const receiveCount = Number(record.attributes.ApproximateReceiveCount) || 1;
      const visibility = messageVisibility(deps.queues, record, deps.timing);
      const retry = async () => {
        await visibility?.returnAfter(retryDelaySec(deps.timing, receiveCount)).catch((err: unknown) => {
          console.warn(`could not set the retry delay of message ${record.messageId}:`, err);
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      };
      const message = messageOf(record);
      const jobId = message?.jobId ?? null;
      if (!jobId) {
        // Let it go round until the queue moves it to the dead-letter queue, where it is kept for a look.
        console.error(`poison message ${record.messageId}: ${record.body.slice(0, 200)}`);
        await retry();
        continue;
      }
      const stopHiding = visibility?.keepHidden();
      let outcome: "ack" | "retry";
      try {
        const hardLimitMs = context ? context.getRemainingTimeInMillis() - deps.timing.handBackSec * 1000 : Number.POSITIVE_INFINITY;
        const momentId = message?.momentId;
        outcome = await withJobSpan(jobId, () => (momentId ? processMoment(deps, momentId, receiveCount) : processJob(deps, jobId, receiveCount, hardLimitMs)));
      } catch (err) {
        // Even the failure handling failed (e.g. the database is down): the queue retries.
        console.error(`job ${jobId}: unhandled`, err);
        outcome = "retry";
      } finally {
        await stopHiding?.();
      }
      if (outcome === "retry") await retry();
    }
    return { batchItemFailures };
  };
}

/**
 * The dead-letter queue's handler. A job still open there lost every delivery to a worker that
 * died or could not reach the database (MAX_HAND_BACKS says why that is not its fault): it goes
 * back to its queue with a fresh message, after the first retry delay, up to MAX_HAND_BACKS
 * times. After that the job is marked failed, so no job is ever left running forever. A job that
 * already ended is left alone, and a message naming no job stays where it is, for a look. A
 * hand-picked moment's message is not handed back: the moment is marked failed, for the owner to retry.
 */
export function createDeadLetterHandler(deps: Pick<HandlerDeps, "db" | "queues" | "timing">) {
  async function settle(message: JobMessage): Promise<void> {
    // A hand-picked moment that kept failing: say so on it; its job is done and stays so.
    if (message.momentId) {
      await failMoment(deps.db, message.momentId, "Adding this moment failed repeatedly on our side. Please try it again.");
      return;
    }
    const handBacks = message.handBacks ?? 0;
    const open = await openJobOwner(deps.db, message.jobId);
    if (!open) return;
    if (handBacks < MAX_HAND_BACKS) {
      const tier = await tierForOwner(deps.db, open.ownerId);
      const [standard, priority] = deps.queues.urls;
      const body: JobMessage = { jobId: message.jobId, handBacks: handBacks + 1 };
      await deps.queues.sqs.send(
        new SendMessageCommand({ QueueUrl: tier.priorityQueue ? priority : standard, MessageBody: JSON.stringify(body), DelaySeconds: retryDelaySec(deps.timing, 1) }),
      );
      console.warn(`job ${message.jobId}: its message reached the dead-letter queue with the job still open; handed back (${handBacks + 1} of ${MAX_HAND_BACKS})`);
      return;
    }
    await failJob(deps.db, message.jobId, "Processing this video failed repeatedly on our side. Please try again, or try another file.", "ours");
  }

  return async function handleDeadLetters(event: SQSEvent): Promise<SQSBatchResponse> {
    const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records) {
      const message = messageOf(record);
      if (!message) continue;
      try {
        await settle(message);
      } catch (err) {
        // The database or the queue failed: this record stays in the dead-letter queue and comes back.
        console.error(`dead letter ${record.messageId} (job ${message.jobId}):`, err);
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

let deps: HandlerDeps | undefined;

export function defaultWorkerDeps(): HandlerDeps {
  if (!deps) {
    const env = workerEnv();
    let detector: ReturnType<typeof createFaceDetector> | undefined;
    deps = {
      db: getDb(env.DATABASE_URL),
      s3: createS3(env),
      env,
      faceDetector: () => (detector ??= createFaceDetector()),
      timing: scaledJobTiming(env.JOB_TIMING_SCALE),
      queues: { sqs: createSqs(env), urls: [env.JOBS_QUEUE_URL, env.JOBS_PRIORITY_QUEUE_URL] },
    };
  }
  return deps;
}

/**
 * Lambda entry points. `handler` has two event sources in AWS, the priority queue and the
 * standard one (Pro jobs do not wait behind the others); `retentionHandler` runs on a schedule.
 */
export const handler = (event: SQSEvent, context?: Context) => createJobHandler(defaultWorkerDeps())(event, context);
export const deadLetterHandler = (event: SQSEvent) => createDeadLetterHandler(defaultWorkerDeps())(event);
export const retentionHandler = async (): Promise<SweepResult> => {
  const result = await sweepExpired(defaultWorkerDeps());
  console.log("retention sweep:", JSON.stringify(result));
  return result;
};
