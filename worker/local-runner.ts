/**
 * The worker outside AWS: polls the jobs queues and hands each message to the same handler the
 * Lambda runs, deleting what it acknowledges — the Lambda event source mapping's job. The
 * priority queue (Pro) is drained before the standard one is looked at, so a Pro job queued
 * behind others runs next. It also drains the dead-letter queue through the dead-letter handler
 * and runs the retention sweep at start and every RETENTION_SWEEP_INTERVAL_SEC (in AWS a
 * schedule does).
 */
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { createSqs } from "~/core/aws";
import { workerEnv } from "~/core/env";
import { closeDb } from "~/db/client";
import { createDeadLetterHandler, createJobHandler, defaultWorkerDeps } from "./handler";
import { sqsRecordOf } from "./sqs-record";
import { sweepExpired } from "./retention";

/** Between rounds that found every queue empty: how late a new job is claimed, at most. */
const IDLE_PAUSE_MS = 250;

async function pollOnce(
  sqs: SQSClient,
  queueUrl: string,
  region: string,
  handle: (event: SQSEvent) => Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }>,
  waitSeconds: number,
): Promise<number> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 1,
      WaitTimeSeconds: waitSeconds,
      MessageSystemAttributeNames: ["ApproximateReceiveCount", "SentTimestamp", "ApproximateFirstReceiveTimestamp"],
    }),
  );
  for (const message of Messages) {
    // The handler keeps the message hidden while it works and sets when a failed one comes back.
    let failed = true;
    try {
      const result = await handle({ Records: [sqsRecordOf(message, queueUrl, region)] });
      failed = result.batchItemFailures.some((f) => f.itemIdentifier === message.MessageId);
    } catch (err) {
      console.error("handler threw:", err);
    }
    // Acknowledged: delete. Failed: leave it for the queue to deliver again.
    if (!failed) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  }
  return Messages.length;
}

/** Runs the sweep now and then every `intervalSec`, never two at once; returns a stop function. */
function scheduleRetention(deps: ReturnType<typeof defaultWorkerDeps>, intervalSec: number): () => Promise<void> {
  let running: Promise<void> | undefined;
  const sweep = () => {
    running ??= sweepExpired(deps)
      .then((r) => {
        if (r.expiredVideos + r.staleUploads + r.anonymousUsers + r.failed > 0) {
          console.log(`worker: retention sweep ${JSON.stringify(r)}`);
        }
      })
      .catch((err: unknown) => console.error("worker: retention sweep failed:", err))
      .finally(() => {
        running = undefined;
      });
  };
  sweep();
  const timer = setInterval(sweep, intervalSec * 1000);
  return async () => {
    clearInterval(timer);
    await running;
  };
}

async function main(): Promise<void> {
  const env = workerEnv();
  const sqs = createSqs(env);
  const deps = defaultWorkerDeps();
  const jobs = createJobHandler(deps);
  const deadLetters = createDeadLetterHandler(deps);
  let running = true;
  const stop = () => {
    if (!running) process.exit(1); // Second Ctrl-C: leave now.
    running = false;
    console.log("worker: finishing the current message, then stopping");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  console.log(
    `worker: polling ${env.JOBS_PRIORITY_QUEUE_URL} first, then ${env.JOBS_QUEUE_URL}${env.JOBS_DLQ_URL ? ` and the dead-letter queue` : ""}`,
  );
  const stopRetention = scheduleRetention(deps, env.RETENTION_SWEEP_INTERVAL_SEC);
  while (running) {
    try {
      // Pro first: look at the priority queue before every standard message. No queue is
      // long-polled: a Pro job sent during a wait on the standard queue waited for its end (up to
      // 1 s, SQS waits in whole seconds); a short pause when all were empty bounds both instead.
      if ((await pollOnce(sqs, env.JOBS_PRIORITY_QUEUE_URL, env.AWS_REGION, jobs, 0)) > 0) continue;
      const standard = await pollOnce(sqs, env.JOBS_QUEUE_URL, env.AWS_REGION, jobs, 0);
      const dead = env.JOBS_DLQ_URL ? await pollOnce(sqs, env.JOBS_DLQ_URL, env.AWS_REGION, deadLetters, 0) : 0;
      if (standard + dead === 0) await new Promise((r) => setTimeout(r, IDLE_PAUSE_MS));
    } catch (err) {
      console.error("worker: polling failed, retrying in 2 s:", err);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  await stopRetention();
  await closeDb();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
