import type { SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { createS3 } from "~/core/aws";
import { workerEnv } from "~/core/env";
import { jobMessageSchema } from "~/core/queue-message";
import { getDb } from "~/db/client";
import { createFaceDetector } from "./faces/detector";
import { failJob } from "./job-store";
import { processJob, type WorkerDeps } from "./process-job";
import { withJobSpan } from "./tracing";
import { sweepExpired, type SweepResult } from "./retention";

/** Parses a record's body; null for a poison message that no retry can fix. */
function jobIdOf(record: SQSRecord): string | null {
  try {
    const parsed = jobMessageSchema.safeParse(JSON.parse(record.body));
    return parsed.success ? parsed.data.jobId : null;
  } catch {
    return null;
  }
}

/**
 * The SQS handler (the worker Lambda; locally the runner calls the very same function).
 * Records are processed one by one; those to retry are reported as partial batch failures.
 */
export function createJobHandler(deps: WorkerDeps) {
  return async function handleJobs(event: SQSEvent): Promise<SQSBatchResponse> {
    const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records) {
      const jobId = jobIdOf(record);
      if (!jobId) {
        // Let it go round until the queue moves it to the dead-letter queue, where it is kept for a look.
        console.error(`poison message ${record.messageId}: ${record.body.slice(0, 200)}`);
        batchItemFailures.push({ itemIdentifier: record.messageId });
        continue;
      }
      const receiveCount = Number(record.attributes.ApproximateReceiveCount) || 1;
      try {
        if ((await withJobSpan(jobId, () => processJob(deps, jobId, receiveCount))) === "retry") {
          batchItemFailures.push({ itemIdentifier: record.messageId });
        }
      } catch (err) {
        // Even the failure handling failed (e.g. the database is down): the queue retries.
        console.error(`job ${jobId}: unhandled`, err);
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

/**
 * The dead-letter queue's handler: a job whose message ended up there (the worker crashed or
 * timed out on every delivery) is marked failed, so no job is ever left running forever.
 */
export function createDeadLetterHandler(deps: Pick<WorkerDeps, "db">) {
  return async function handleDeadLetters(event: SQSEvent): Promise<SQSBatchResponse> {
    for (const record of event.Records) {
      const jobId = jobIdOf(record);
      if (jobId) {
        await failJob(
          deps.db,
          jobId,
          "Processing this video failed repeatedly on our side. Please try again, or try another file.",
          "ours",
        );
      }
    }
    return { batchItemFailures: [] };
  };
}

let deps: WorkerDeps | undefined;

export function defaultWorkerDeps(): WorkerDeps {
  if (!deps) {
    const env = workerEnv();
    let detector: ReturnType<typeof createFaceDetector> | undefined;
    deps = {
      db: getDb(env.DATABASE_URL),
      s3: createS3(env),
      env,
      faceDetector: () => (detector ??= createFaceDetector()),
    };
  }
  return deps;
}

/**
 * Lambda entry points. `handler` has two event sources in AWS, the priority queue and the
 * standard one (Pro jobs do not wait behind the others); `retentionHandler` runs on a schedule.
 */
export const handler = (event: SQSEvent) => createJobHandler(defaultWorkerDeps())(event);
export const deadLetterHandler = (event: SQSEvent) => createDeadLetterHandler(defaultWorkerDeps())(event);
export const retentionHandler = async (): Promise<SweepResult> => {
  const result = await sweepExpired(defaultWorkerDeps());
  console.log("retention sweep:", JSON.stringify(result));
  return result;
};
