import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DeleteObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { ChangeMessageVisibilityCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attemptPresumedDeadAfterSec, JOB_TIMING, MAX_HAND_BACKS, retryDelaySec } from "~/core/job-timing";
import { jobFramesPrefix } from "~/core/storage-keys";
import { createDb } from "~/db/client";
import { frames, jobs, videos } from "~/db/schema";
import { createDeadLetterHandler, createJobHandler } from "~/worker/handler";
import { makeVideo } from "../helpers/make-video";
import { testEnv } from "../setup/test-env";
import { createTestStack, deleteMessage, deliverNext, receiveOne, sqsEvent, TEST_JOB_TIMING, TEST_JOB_TIMING_SCALE, uploadFile, type TestStack } from "./helpers/stack";

const QUEUE_VISIBILITY_SEC = 60;
let stack: TestStack;
let dir: string;

beforeAll(async () => {
  // The queue's own visibility timeout is far longer than the (scaled) timing policy: a message
  // that comes back sooner does so because the worker timed it (core/job-timing.ts).
  stack = await createTestStack("crash", { visibilityTimeoutSec: QUEUE_VISIBILITY_SEC });
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-crash-"));
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

/** The real local worker process, the one `npm run dev` starts, on this file's queues. */
function startRunner(): ChildProcess {
  const env = testEnv();
  const child = spawn(process.execPath, ["--import", "tsx", "worker/local-runner.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, ...env, JOBS_QUEUE_URL: stack.queueUrl, JOBS_DLQ_URL: stack.dlqUrl, JOB_TIMING_SCALE: String(TEST_JOB_TIMING_SCALE) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Past the retry delay the policy gives failed delivery `n`. */
const waitForRetry = (n: number) => new Promise((r) => setTimeout(r, retryDelaySec(TEST_JOB_TIMING, n) * 1000 + 300));

/** A queued job that fails on our side: its stored upload vanished after the job was created. */
async function jobWhoseUploadVanished(viewer: string): Promise<string> {
  const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 2, width: 320, height: 240, fps: 25 });
  const videoId = await uploadFile(stack, viewer, file);
  const { jobId } = await stack.caller(viewer).job.create({ videoId, mode: "action", quality: "fast", count: 1, minIntervalSec: 1 });
  const [video] = await stack.services.db.select().from(videos).where(eq(videos.id, videoId));
  await stack.services.s3.send(new DeleteObjectCommand({ Bucket: stack.services.env.UPLOADS_BUCKET, Key: video!.s3Key }));
  return jobId;
}

const jobRow = async (jobId: string) => (await stack.services.db.select().from(jobs).where(eq(jobs.id, jobId)))[0];

describe("a worker that dies mid-job", () => {
  it("is replaced by a redelivery that finishes the job exactly once", async () => {
    const viewer = crypto.randomUUID();
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 20, width: 1280, height: 720, fps: 30 });
    const videoId = await uploadFile(stack, viewer, file);
    const { jobId } = await stack.caller(viewer).job.create({
      videoId,
      mode: "action",
      quality: "best",
      count: 3,
      minIntervalSec: 1,
    });

    const first = startRunner();
    const midway = await waitFor("the job to be mid-way", async () => {
      const job = await jobRow(jobId);
      return job && job.status === "running" && job.stage !== "probing" ? job : undefined;
    });
    expect((await stack.caller(viewer).job.status({ jobId })).retry).toBeNull();
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    expect(midway.status).toBe("running");
    expect((await jobRow(jobId))!.status).not.toBe("done");
    // The row still says running; once the attempt has been silent past the point where a live
    // one would have written (here: its last write moved back), the user is told a retry is coming.
    const silentSince = new Date(Date.now() - (attemptPresumedDeadAfterSec(JOB_TIMING) + 1) * 1000);
    await stack.services.db.update(jobs).set({ updatedAt: silentSince }).where(eq(jobs.id, jobId));
    expect(await stack.caller(viewer).job.status({ jobId })).toMatchObject({ status: "running", retry: { attempt: 2, of: 3 } });

    const second = startRunner();
    try {
      // Done, and its storyboard (made after it) stored too, before the runner is stopped.
      const done = await waitFor("the redelivered job to finish", async () => {
        const job = await jobRow(jobId);
        return job && ((job.status === "done" && job.storyboard) || job.status === "failed") ? job : undefined;
      });
      expect(done.status).toBe("done");
      expect(done.attempts).toBe(2);
    } finally {
      second.kill("SIGTERM");
      await new Promise((r) => second.once("exit", r));
    }

    const rows = await stack.services.db.select().from(frames).where(eq(frames.jobId, jobId));
    expect(rows.map((f) => f.rank).sort()).toEqual([1, 2, 3]);
    const objects = await stack.services.s3.send(
      new ListObjectsV2Command({ Bucket: stack.services.env.FRAMES_BUCKET, Prefix: jobFramesPrefix(viewer, jobId) }),
    );
    expect(objects.KeyCount).toBe(7); // three frames, three thumbnails and the storyboard, no leftovers
  }, 180_000);
});

describe("a failed delivery", () => {
  it("comes back after the timing policy's growing delay, not the queue's visibility timeout", async () => {
    const viewer = crypto.randomUUID();
    const jobId = await jobWhoseUploadVanished(viewer);
    const handler = createJobHandler(stack.worker);
    const [first, second] = [retryDelaySec(TEST_JOB_TIMING, 1), retryDelaySec(TEST_JOB_TIMING, 2)];
    expect(second).toBeGreaterThan(first);
    expect(second).toBeLessThan(QUEUE_VISIBILITY_SEC);

    expect((await deliverNext(stack, handler)).acked).toBe(false);
    for (const [delivery, delaySec] of [[1, first], [2, second]] as const) {
      const failedAt = Date.now();
      // Hidden for the delay (the queue alone would hide it for a minute)...
      await new Promise((r) => setTimeout(r, delaySec * 1000 - 700));
      expect(await receiveOne(stack, stack.queueUrl, 0)).toBeUndefined();
      // ...and back just after it, as the next delivery.
      const back = await receiveOne(stack, stack.queueUrl, 3);
      expect(back?.Attributes?.ApproximateReceiveCount).toBe(String(delivery + 1));
      expect((Date.now() - failedAt) / 1000).toBeLessThan(delaySec + 3);
      // Meanwhile the user is told a retry is coming, and which one.
      expect((await stack.caller(viewer).job.status({ jobId })).retry).toEqual({ attempt: delivery + 1, of: 3 });
      if (delivery === 1) {
        expect((await handler(sqsEvent([back!], stack.queueUrl))).batchItemFailures).toHaveLength(1);
      } else {
        await deleteMessage(stack, back!);
      }
    }
    const job = await jobRow(jobId);
    expect(job!.status).toBe("queued");
    expect(job!.attempts).toBe(2);
    await stack.caller(viewer).job.cancel({ jobId });
  }, 60_000);
});

describe("messages that can never succeed", () => {
  it("a poison message goes to the dead-letter queue after three deliveries", async () => {
    await stack.services.sqs.send(new SendMessageCommand({ QueueUrl: stack.queueUrl, MessageBody: "{not json" }));
    const handler = createJobHandler(stack.worker);
    for (let i = 1; i <= 3; i++) {
      const { acked, message } = await deliverNext(stack, handler);
      expect(acked).toBe(false);
      expect(message.Attributes?.ApproximateReceiveCount).toBe(String(i));
      await waitForRetry(i);
    }
    expect(await receiveOne(stack, stack.queueUrl, 1)).toBeUndefined();
    const dead = await receiveOne(stack, stack.dlqUrl, 5);
    expect(dead?.Body).toBe("{not json");
    await deleteMessage(stack, dead!, stack.dlqUrl);
  }, 60_000);

  it("a job that fails on our side on every delivery ends failed with a reason, not stuck", async () => {
    const viewer = crypto.randomUUID();
    const jobId = await jobWhoseUploadVanished(viewer);
    const handler = createJobHandler(stack.worker);
    for (let i = 1; i <= 2; i++) {
      const { acked } = await deliverNext(stack, handler);
      expect(acked).toBe(false);
      // Between deliveries the user sees it waiting again, not failed and not frozen mid-way.
      expect((await jobRow(jobId))!.status).toBe("queued");
      await waitForRetry(i);
    }
    const { acked } = await deliverNext(stack, handler);
    expect(acked).toBe(true);
    const job = await jobRow(jobId);
    expect(job!.status).toBe("failed");
    expect(job!.errorReason).toMatch(/on our side/);
    expect(job!.attempts).toBe(3);
  }, 60_000);

  /** A job left running as if every worker had died on it, its message moved to the dead-letter queue with `body`. */
  async function jobInDeadLetterQueue(body?: (jobId: string) => object): Promise<string> {
    const viewer = crypto.randomUUID();
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 2, width: 320, height: 240, fps: 25 });
    const videoId = await uploadFile(stack, viewer, file);
    const { jobId } = await stack.caller(viewer).job.create({ videoId, mode: "action", quality: "fast", count: 1, minIntervalSec: 1 });
    await stack.services.db.update(jobs).set({ status: "running", stage: "sampling", attempts: 3 }).where(eq(jobs.id, jobId));
    const original = await receiveOne(stack);
    await deleteMessage(stack, original!);
    await stack.services.sqs.send(new SendMessageCommand({ QueueUrl: stack.dlqUrl, MessageBody: body ? JSON.stringify(body(jobId)) : original!.Body }));
    return jobId;
  }

  it("a job still open when its message reached the dead-letter queue goes back to its queue with a fresh message, and runs to done", async () => {
    const jobId = await jobInDeadLetterQueue();
    await deliverNext(stack, createDeadLetterHandler(stack.worker), stack.dlqUrl);
    expect((await jobRow(jobId))!.status).toBe("running");

    // The fresh message comes after the first retry delay, counted from its first receive again.
    const again = await waitFor("the handed-back message", () => receiveOne(stack, stack.queueUrl, 1), 15_000);
    expect(JSON.parse(again.Body!)).toEqual({ jobId, handBacks: 1 });
    expect(again.Attributes?.ApproximateReceiveCount).toBe("1");
    const result = await createJobHandler(stack.worker)(sqsEvent([again], stack.queueUrl));
    expect(result.batchItemFailures).toEqual([]);
    await deleteMessage(stack, again);
    const job = await jobRow(jobId);
    expect(job!.status).toBe("done");
    expect(await stack.services.db.select().from(frames).where(eq(frames.jobId, jobId))).toHaveLength(1);
  }, 60_000);

  it("a dead letter the handler cannot settle (the database is down) is reported back, so it stays for another try", async () => {
    const jobId = await jobInDeadLetterQueue();
    const unreachable = createDb("postgres://frame-picker@127.0.0.1:1/none", 1);
    try {
      const { acked, message } = await deliverNext(stack, createDeadLetterHandler({ ...stack.worker, db: unreachable.db }), stack.dlqUrl);
      expect(acked).toBe(false);
      // As the event source mapping does with a reported failure, once the queue's visibility timeout is over (skipped here).
      await stack.services.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: stack.dlqUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
    } finally {
      await unreachable.pool.end();
    }
    expect((await jobRow(jobId))!.status).toBe("running");
    // Once the database is back, the next try hands it back as usual.
    await waitFor("the dead letter again", async () => {
      const message = await receiveOne(stack, stack.dlqUrl, 1);
      if (!message) return undefined;
      await createDeadLetterHandler(stack.worker)(sqsEvent([message], stack.dlqUrl));
      await deleteMessage(stack, message, stack.dlqUrl);
      return message;
    }, 15_000);
    const again = await waitFor("the handed-back message", () => receiveOne(stack, stack.queueUrl, 1), 15_000);
    expect(JSON.parse(again.Body!)).toEqual({ jobId, handBacks: 1 });
    await deleteMessage(stack, again);
  }, 60_000);

  it(`after ${MAX_HAND_BACKS} hand-backs the job is marked failed, and a job that already ended is left alone`, async () => {
    const jobId = await jobInDeadLetterQueue((id) => ({ jobId: id, handBacks: MAX_HAND_BACKS }));
    await deliverNext(stack, createDeadLetterHandler(stack.worker), stack.dlqUrl);
    const job = await jobRow(jobId);
    expect(job!.status).toBe("failed");
    expect(job!.errorReason).toMatch(/failed repeatedly/);
    expect(await receiveOne(stack, stack.queueUrl, 3)).toBeUndefined();

    const ended = await jobInDeadLetterQueue();
    await stack.services.db.update(jobs).set({ status: "cancelled" }).where(eq(jobs.id, ended));
    await deliverNext(stack, createDeadLetterHandler(stack.worker), stack.dlqUrl);
    expect((await jobRow(ended))!.status).toBe("cancelled");
    expect(await receiveOne(stack, stack.queueUrl, 3)).toBeUndefined();
  }, 60_000);
});
