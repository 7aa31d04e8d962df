/**
 * The real local stack for integration tests: PostgreSQL and fauxqs (S3 + SQS) started by the
 * integration global setup. Each test file gets its own jobs queue and dead-letter queue, so
 * files running in parallel never receive each other's messages.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { CreateBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
} from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { MAX_DELIVERIES, scaledJobTiming } from "~/core/job-timing";
import { createDb } from "~/db/client";
import { runMigrations } from "~/db/migrate";
import { createCaller } from "~/server/api/root";
import { createInnerContext } from "~/server/api/trpc";
import type { Billing } from "~/server/billing/stripe-client";
import type { Services } from "~/server/services/runtime";
import { createFaceDetector } from "~/worker/faces/detector";
import type { HandlerDeps } from "~/worker/handler";
import { sqsRecordOf } from "~/worker/sqs-record";
import { scratchDatabase } from "../../helpers/scratch-database";
import { testAwsClients, testEnv } from "../../setup/test-env";

/**
 * The production timing policy with the queue's waits at 1/20 (retries after 2 s and 6 s, a dead
 * worker's job back within 5 s), for the handlers and local runners the tests start.
 */
export const TEST_JOB_TIMING_SCALE = 0.05;
export const TEST_JOB_TIMING = scaledJobTiming(TEST_JOB_TIMING_SCALE);

export interface TestStack {
  services: Services;
  worker: HandlerDeps;
  queueUrl: string;
  /** Pro jobs' queue (same dead-letter queue). */
  priorityQueueUrl: string;
  dlqUrl: string;
  /** The API as `viewerId`, from the client network `clientKey` (core/ip-limits.ts); without one no per-IP limit applies. */
  caller(viewerId: string, clientKey?: string | null): ReturnType<typeof createCaller>;
  close(): Promise<void>;
}

export async function createTestStack(
  name: string,
  opts: {
    visibilityTimeoutSec?: number;
    billing?: Billing;
    /**
     * A database and buckets of the file's own. For a file that runs the retention sweep: a sweep
     * at a later "now" removes every expired row and object it can see, and other files running
     * at the same time would lose theirs.
     */
    isolated?: boolean;
  } = {},
): Promise<TestStack> {
  const env = testEnv();
  const { s3, sqs } = testAwsClients();
  const suffix = `${name}-${Math.random().toString(36).slice(2, 8)}`;
  const own = opts.isolated ? await isolatedStorage(s3, suffix) : null;
  const buckets = own?.buckets ?? { UPLOADS_BUCKET: env.UPLOADS_BUCKET, FRAMES_BUCKET: env.FRAMES_BUCKET };
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `jobs-dlq-${suffix}` }));
  const dlqArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ["QueueArn"] }))
  ).Attributes?.QueueArn;
  const jobsQueue = (queueName: string) =>
    sqs.send(
      new CreateQueueCommand({
        QueueName: queueName,
        Attributes: {
          VisibilityTimeout: String(opts.visibilityTimeoutSec ?? 30),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: MAX_DELIVERIES }),
        },
      }),
    );
  const queue = await jobsQueue(`jobs-${suffix}`);
  const priority = await jobsQueue(`jobs-priority-${suffix}`);
  if (!queue.QueueUrl || !priority.QueueUrl || !dlq.QueueUrl) throw new Error("fauxqs did not create the test queues");

  const { db, pool } = createDb(own?.databaseUrl ?? env.DATABASE_URL, 5);
  const services: Services = {
    db,
    s3,
    sqs,
    env: {
      ...buckets,
      JOBS_QUEUE_URL: queue.QueueUrl,
      JOBS_PRIORITY_QUEUE_URL: priority.QueueUrl,
      APP_URL: "http://localhost:3000",
    },
    billing: opts.billing ?? null,
  };
  let detector: ReturnType<typeof createFaceDetector> | undefined;
  const worker: HandlerDeps = {
    db,
    s3,
    env: { ...buckets, WORKER_MAX_RECEIVES: MAX_DELIVERIES },
    faceDetector: () => (detector ??= createFaceDetector()),
    timing: TEST_JOB_TIMING,
    queues: { sqs, urls: [queue.QueueUrl, priority.QueueUrl] },
  };
  return {
    services,
    worker,
    queueUrl: queue.QueueUrl,
    priorityQueueUrl: priority.QueueUrl,
    dlqUrl: dlq.QueueUrl,
    caller: (viewerId, clientKey = null) => createCaller(() => createInnerContext(services, viewerId, clientKey)),
    close: async () => {
      await pool.end();
      await own?.drop();
    },
  };
}

/** A migrated scratch database and two fresh buckets (the local S3 allows browser uploads to any). */
async function isolatedStorage(s3: S3Client, suffix: string) {
  const database = await scratchDatabase(`fp_${suffix.replace(/[^a-z0-9]/g, "_")}`);
  await runMigrations(database.url);
  const buckets = { UPLOADS_BUCKET: `fp-uploads-${suffix}`, FRAMES_BUCKET: `fp-frames-${suffix}` };
  for (const bucket of Object.values(buckets)) await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return { databaseUrl: database.url, buckets, drop: database.drop };
}

/** Uploads a local file the way the browser does: create → PUT to S3 (or parts) → complete. */
export async function uploadFile(
  stack: TestStack,
  viewerId: string,
  file: string,
  opts: { name?: string; type?: string } = {},
): Promise<string> {
  const body = await readFile(file);
  const api = stack.caller(viewerId);
  const ticket = await api.upload.create({
    name: opts.name ?? path.basename(file),
    type: opts.type ?? "video/mp4",
    size: body.byteLength,
  });
  if (ticket.method === "put") {
    const res = await fetch(ticket.url, { method: "PUT", headers: ticket.headers, body });
    if (!res.ok) throw new Error(`PUT failed: ${res.status} ${await res.text()}`);
    await api.upload.complete({ videoId: ticket.videoId });
  } else {
    const parts = await Promise.all(
      ticket.parts.map(async (p) => {
        const slice = body.subarray((p.partNumber - 1) * ticket.partSize, p.partNumber * ticket.partSize);
        const res = await fetch(p.url, { method: "PUT", body: slice });
        if (!res.ok) throw new Error(`part ${p.partNumber} failed: ${res.status}`);
        return { partNumber: p.partNumber, etag: res.headers.get("etag") ?? "" };
      }),
    );
    await api.upload.complete({ videoId: ticket.videoId, parts });
  }
  return ticket.videoId;
}

/**
 * GETs a presigned URL and returns the body, failing with the status and the body's text when the
 * answer is not 2xx (an S3 error's XML would otherwise reach sharp as "unsupported image format").
 */
export async function fetchObject(url: string): Promise<{ body: Buffer; headers: Headers }> {
  const res = await fetch(url);
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.ok) throw new Error(`GET ${new URL(url).pathname} answered ${res.status}: ${body.toString("utf8", 0, 500)}`);
  return { body, headers: res.headers };
}

export function sqsEvent(messages: Message[], queueUrl: string): SQSEvent {
  return { Records: messages.map((m) => sqsRecordOf(m, queueUrl, "us-east-1")) };
}

/** Receives the next message on a queue (waiting up to `waitSec`), with its receive count. */
export async function receiveOne(stack: TestStack, queueUrl = stack.queueUrl, waitSec = 5): Promise<Message | undefined> {
  const { Messages } = await stack.services.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 1,
      WaitTimeSeconds: waitSec,
      MessageSystemAttributeNames: ["ApproximateReceiveCount", "SentTimestamp"],
    }),
  );
  return Messages?.[0];
}

export async function deleteMessage(stack: TestStack, message: Message, queueUrl = stack.queueUrl): Promise<void> {
  await stack.services.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
}

/**
 * Does what the Lambda event source mapping does for one message: receive it, run the worker
 * handler, delete it when acknowledged. Returns the handler's verdict and the message.
 */
export async function deliverNext(
  stack: TestStack,
  handler: (event: SQSEvent) => Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }>,
  queueUrl = stack.queueUrl,
): Promise<{ acked: boolean; message: Message }> {
  const message = await receiveOne(stack, queueUrl);
  if (!message) throw new Error("no message arrived on the queue");
  const result = await handler(sqsEvent([message], queueUrl));
  const acked = !result.batchItemFailures.some((f) => f.itemIdentifier === message.MessageId);
  if (acked) await deleteMessage(stack, message, queueUrl);
  return { acked, message };
}
