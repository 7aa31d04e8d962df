/**
 * The worker outside AWS: polls the jobs queues and hands each message to the same handler the
 * Lambda runs, deleting what it acknowledges — the Lambda event source mapping's job. The
 * priority queue (Pro) is drained before the standard one is looked at, so a Pro job queued
 * behind others runs next. It also drains the dead-letter queue through the dead-letter handler
 * and runs the retention sweep at start and every RETENTION_SWEEP_INTERVAL_SEC (in AWS a
 * schedule does).
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { SQSEvent, SQSRecord } from "aws-lambda";
import { createSqs } from "~/core/aws";
import { workerEnv } from "~/core/env";
import { closeDb } from "~/db/client";
import { createDeadLetterHandler, createJobHandler, defaultWorkerDeps } from "./handler";
import { sweepExpired } from "./retention";

function toRecord(message: Message, queueUrl: string, region: string): SQSRecord {
  const attrs = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? "",
    receiptHandle: message.ReceiptHandle ?? "",
    body: message.Body ?? "",
    attributes: {
      ApproximateReceiveCount: attrs.ApproximateReceiveCount ?? "1",
      SentTimestamp: attrs.SentTimestamp ?? String(Date.now()),
      SenderId: attrs.SenderId ?? "local",
      ApproximateFirstReceiveTimestamp: attrs.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? "",
    eventSource: "aws:sqs",
    eventSourceARN: queueUrl,
    awsRegion: region,
  };
}

async function visibilityTimeoutOf(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["VisibilityTimeout"] }),
  );
  return Number(Attributes?.VisibilityTimeout ?? 30) || 30;
}

/**
 * Keeps a message invisible while its job runs (Lambda gets this from a visibility timeout of
 * 6× its own timeout). If this process dies, the heartbeat stops and the queue redelivers.
 */
function keepInvisible(sqs: SQSClient, queueUrl: string, receiptHandle: string, timeoutSec: number): () => void {
  const timer = setInterval(() => {
    sqs
      .send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: timeoutSec }))
      .catch((err: unknown) => console.warn("could not extend message visibility:", err));
  }, (timeoutSec * 1000) / 2);
  return () => clearInterval(timer);
}

async function pollOnce(
  sqs: SQSClient,
  queueUrl: string,
  visibilitySec: number,
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
    const stop = keepInvisible(sqs, queueUrl, message.ReceiptHandle ?? "", visibilitySec);
    let failed = true;
    try {
      const result = await handle({ Records: [toRecord(message, queueUrl, region)] });
      failed = result.batchItemFailures.some((f) => f.itemIdentifier === message.MessageId);
    } catch (err) {
      console.error("handler threw:", err);
    } finally {
      stop();
    }
    // Acknowledged: delete. Failed: leave it, and the queue redelivers it after its visibility timeout.
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

  const jobsVisibility = await visibilityTimeoutOf(sqs, env.JOBS_QUEUE_URL);
  const priorityVisibility = await visibilityTimeoutOf(sqs, env.JOBS_PRIORITY_QUEUE_URL);
  const dlqVisibility = env.JOBS_DLQ_URL ? await visibilityTimeoutOf(sqs, env.JOBS_DLQ_URL) : 30;
  console.log(
    `worker: polling ${env.JOBS_PRIORITY_QUEUE_URL} first, then ${env.JOBS_QUEUE_URL}${env.JOBS_DLQ_URL ? ` and the dead-letter queue` : ""}`,
  );
  const stopRetention = scheduleRetention(deps, env.RETENTION_SWEEP_INTERVAL_SEC);
  while (running) {
    try {
      // Pro first: look at the priority queue (without waiting) before every standard message.
      if ((await pollOnce(sqs, env.JOBS_PRIORITY_QUEUE_URL, priorityVisibility, env.AWS_REGION, jobs, 0)) > 0) continue;
      await pollOnce(sqs, env.JOBS_QUEUE_URL, jobsVisibility, env.AWS_REGION, jobs, 1);
      if (env.JOBS_DLQ_URL) await pollOnce(sqs, env.JOBS_DLQ_URL, dlqVisibility, env.AWS_REGION, deadLetters, 0);
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
