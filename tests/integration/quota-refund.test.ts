/**
 * When a job gives its video's place in the allowance back: a failure on our side (last
 * delivery, dead-letter queue, a queue that refused the message) or a cancel before any worker
 * started it. A failure caused by the file, and deleting a video, keep the charge.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { type TRPCError } from "@trpc/server";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs, quotaCharges, videos } from "~/db/schema";
import { createJob } from "~/server/services/jobs";
import { MAX_HAND_BACKS } from "~/core/job-timing";
import { TIERS } from "~/core/tiers";
import { createDeadLetterHandler, createJobHandler } from "~/worker/handler";
import { makeTruncated, makeVideo } from "../helpers/make-video";
import { createTestStack, deleteMessage, receiveOne, sqsEvent, uploadFile, type TestStack } from "./helpers/stack";
import { trpcErrorOf } from "./helpers/trpc-error";
import { makeAccount, openCharges } from "./helpers/quota-fixtures";

let stack: TestStack;
let dir: string;
let clip: string;
const settings = { mode: "action", quality: "fast", count: 1, minIntervalSec: 1 } as const;

beforeAll(async () => {
  stack = await createTestStack("quota-refund");
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-quota-refund-"));
  clip = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 2, width: 320, height: 240, fps: 25 });
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

const jobRow = async (jobId: string) => (await stack.services.db.select().from(jobs).where(eq(jobs.id, jobId)))[0]!;
const usedBy = async (owner: string) => (await stack.caller(owner).viewer.usage()).used;

async function quotaError(promise: Promise<unknown>): Promise<TRPCError> {
  const err = await trpcErrorOf(promise);
  expect(err.code).toBe("TOO_MANY_REQUESTS");
  return err;
}

/** This job's message; messages of earlier tests' jobs are dropped on the way. */
async function messageFor(jobId: string) {
  for (;;) {
    const message = await receiveOne(stack);
    if (!message) throw new Error(`no message for job ${jobId}`);
    if (message.Body?.includes(jobId)) return message;
    await deleteMessage(stack, message);
  }
}

/** One delivery of the job's message through the worker handler, as the event source mapping does it. */
async function deliver(jobId: string, receiveCount = 1) {
  const message = await messageFor(jobId);
  const result = await createJobHandler(stack.worker)(
    sqsEvent([{ ...message, Attributes: { ApproximateReceiveCount: String(receiveCount) } }], stack.queueUrl),
  );
  await deleteMessage(stack, message);
  return result;
}

async function deleteUploadedObject(videoId: string) {
  const [video] = await stack.services.db.select().from(videos).where(eq(videos.id, videoId));
  await stack.services.s3.send(new DeleteObjectCommand({ Bucket: stack.services.env.UPLOADS_BUCKET, Key: video!.s3Key }));
}

describe("a failure on our side gives the video back", () => {
  it("on the last delivery, not before", async () => {
    const guest = crypto.randomUUID();
    const videoId = await uploadFile(stack, guest, clip);
    const { jobId } = await stack.caller(guest).job.create({ videoId, ...settings });
    expect(await usedBy(guest)).toBe(1);
    await deleteUploadedObject(videoId); // the stored upload vanished: our fault, not the user's

    // An early delivery fails: the queue will retry, so the charge stays.
    const handler = createJobHandler(stack.worker);
    const message = await messageFor(jobId);
    const first = await handler(sqsEvent([{ ...message, Attributes: { ApproximateReceiveCount: "1" } }], stack.queueUrl));
    expect(first.batchItemFailures).toHaveLength(1);
    expect((await jobRow(jobId)).status).toBe("queued");
    expect(await usedBy(guest)).toBe(1);

    // The last delivery (WORKER_MAX_RECEIVES = 3) gives up: failed, and the charge released.
    const last = await handler(sqsEvent([{ ...message, Attributes: { ApproximateReceiveCount: "3" } }], stack.queueUrl));
    expect(last.batchItemFailures).toEqual([]);
    const job = await jobRow(jobId);
    expect(job.status).toBe("failed");
    expect(job.errorReason).toMatch(/on our side/);
    expect(await usedBy(guest)).toBe(0);
    const [charge] = await stack.services.db.select().from(quotaCharges).where(eq(quotaCharges.jobId, jobId));
    expect(charge!.releasedAt).toBeInstanceOf(Date);

    // The guest's one video of the day is theirs again.
    const again = await uploadFile(stack, guest, clip, { name: "again.mp4" });
    await stack.caller(guest).job.create({ videoId: again, ...settings });
    expect(await usedBy(guest)).toBe(1);
  });

  it("when the dead-letter handler ends a job every worker died on, after its hand-backs", async () => {
    const guest = crypto.randomUUID();
    const videoId = await uploadFile(stack, guest, clip);
    const { jobId } = await stack.caller(guest).job.create({ videoId, ...settings });
    await stack.services.db.update(jobs).set({ status: "running", stage: "sampling", attempts: 3 }).where(eq(jobs.id, jobId));
    const original = await messageFor(jobId);
    const last = { ...original, Body: JSON.stringify({ jobId, handBacks: MAX_HAND_BACKS }) };
    await createDeadLetterHandler(stack.worker)(sqsEvent([last], stack.dlqUrl));
    expect((await jobRow(jobId)).status).toBe("failed");
    expect(await usedBy(guest)).toBe(0);
  });

  it("when the queue refuses the job's message", async () => {
    const owner = await makeAccount(stack, "free");
    const videoId = await uploadFile(stack, owner, clip);
    const broken = { ...stack.services, env: { ...stack.services.env, JOBS_QUEUE_URL: `${stack.queueUrl}-missing` } };
    await expect(createJob(broken, owner, TIERS.free, { videoId, ...settings, format: "jpeg" })).rejects.toThrow();
    const [job] = await stack.services.db.select().from(jobs).where(eq(jobs.videoId, videoId));
    expect(job!.status).toBe("failed");
    expect(job!.errorReason).toMatch(/could not queue/);
    expect(await usedBy(owner)).toBe(0);
  });
});

describe("a failure caused by the file keeps the charge", () => {
  it("a video whose data is cut short", async () => {
    const guest = crypto.randomUUID();
    const videoId = await uploadFile(stack, guest, await makeTruncated(clip, 0.5, path.join(dir, "cut.mp4")));
    const { jobId } = await stack.caller(guest).job.create({ videoId, ...settings });
    await deliver(jobId);
    const job = await jobRow(jobId);
    expect(job.status).toBe("failed");
    expect(job.errorReason).toMatch(/truncated or damaged/i);
    expect(await usedBy(guest)).toBe(1);
    const err = await quotaError(stack.caller(guest).upload.create({ name: "next.mp4", type: "video/mp4", size: 1000 }));
    expect(err.message).toMatch(/1 of 1 video today/);
  });
});

describe("cancelling", () => {
  it("a job no worker has started gives the video back", async () => {
    const guest = crypto.randomUUID();
    const videoId = await uploadFile(stack, guest, clip);
    const { jobId } = await stack.caller(guest).job.create({ videoId, ...settings });
    await stack.caller(guest).job.cancel({ jobId });
    expect(await usedBy(guest)).toBe(0);
    // Its message still arrives; the worker finds nothing to do and the charge stays released.
    await deliver(jobId);
    expect((await jobRow(jobId)).status).toBe("cancelled");
    expect(await usedBy(guest)).toBe(0);
  });

  it("a job a worker has started keeps the charge", async () => {
    const guest = crypto.randomUUID();
    const videoId = await uploadFile(stack, guest, clip);
    const { jobId } = await stack.caller(guest).job.create({ videoId, ...settings });
    // As the worker's claim leaves it.
    await stack.services.db.update(jobs).set({ status: "running", stage: "sampling", attempts: 1 }).where(eq(jobs.id, jobId));
    await stack.caller(guest).job.cancel({ jobId });
    expect((await jobRow(jobId)).status).toBe("cancelled");
    expect(await usedBy(guest)).toBe(1);
  });

  it("the first job of a video that was re-run hands its charge to the re-run", async () => {
    const owner = await makeAccount(stack, "free");
    const videoId = await uploadFile(stack, owner, clip);
    const api = stack.caller(owner);
    const first = await api.job.create({ videoId, ...settings });
    const rerun = await api.job.create({ videoId, ...settings, count: 2 });
    expect(await usedBy(owner)).toBe(1);

    await api.job.cancel({ jobId: first.jobId });
    // Otherwise "queue, re-run, cancel the first" would process a video for free.
    expect(await usedBy(owner)).toBe(1);
    const held = await stack.services.db
      .select()
      .from(quotaCharges)
      .where(and(eq(quotaCharges.videoId, videoId), isNull(quotaCharges.releasedAt)));
    expect(held.map((c) => c.jobId)).toEqual([rerun.jobId]);

    // Cancelling the re-run too, before it started, gives the video back.
    await api.job.cancel({ jobId: rerun.jobId });
    expect(await usedBy(owner)).toBe(0);
  });
});

describe("deleting a video", () => {
  it("does not give its place back", async () => {
    const guest = crypto.randomUUID();
    const videoId = await uploadFile(stack, guest, clip);
    const { jobId } = await stack.caller(guest).job.create({ videoId, ...settings });
    await deliver(jobId);
    expect((await jobRow(jobId)).status).toBe("done");
    await stack.caller(guest).video.delete({ videoId });
    expect(await usedBy(guest)).toBe(1);
    expect(await openCharges(stack, guest)).toBe(1);
    await quotaError(stack.caller(guest).upload.create({ name: "another.mp4", type: "video/mp4", size: 1000 }));
  });

  it("not even while its job is still queued", async () => {
    const guest = crypto.randomUUID();
    const videoId = await uploadFile(stack, guest, clip);
    await stack.caller(guest).job.create({ videoId, ...settings });
    await stack.caller(guest).video.delete({ videoId });
    expect(await usedBy(guest)).toBe(1);
  });
});
