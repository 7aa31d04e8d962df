/**
 * Moments the owner adds to a finished job's picks from its timeline: queued like a job, rendered
 * by the real worker from the source with ffmpeg, checked here against a sequential decode of the
 * same video. Real PostgreSQL and the S3/SQS emulator.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TIERS } from "~/core/tiers";
import { frames, jobs, momentRequests, videos } from "~/db/schema";
import { createDeadLetterHandler, createJobHandler } from "~/worker/handler";
import { processMoment } from "~/worker/process-moment";
import { frameIndexLuma, makeVideo } from "../helpers/make-video";
import { sequentialFrameMean } from "../helpers/sequential-decode";
import { makeAccount } from "./helpers/quota-fixtures";
import { createTestStack, deliverNext, fetchObject, sqsEvent, uploadFile, type TestStack } from "./helpers/stack";
import { trpcErrorOf } from "./helpers/trpc-error";

let stack: TestStack;
let dir: string;
let file: string;
const fps = 25;

beforeAll(async () => {
  stack = await createTestStack("moments");
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-moments-"));
  // Frame n painted with its own gray level; a keyframe every 4 s, so most moments need the frames before them.
  file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 8, width: 320, height: 180, fps, source: "frame-index", gop: 100 });
}, 60_000);

afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

async function finishedJob(ownerId: string): Promise<string> {
  const videoId = await uploadFile(stack, ownerId, file, { name: "index.mp4" });
  const { jobId } = await stack.caller(ownerId).job.create({ videoId, mode: "action", quality: "fast", count: 2, minIntervalSec: 1 });
  await deliverNext(stack, createJobHandler(stack.worker));
  return jobId;
}

describe("a moment added from the timeline", () => {
  it("becomes the next frame of the job, showing exactly the frame at that time", async () => {
    const owner = await makeAccount(stack, "free");
    const jobId = await finishedJob(owner);
    const api = stack.caller(owner);
    const t = 137 / fps; // 5.48 s: frame 137, 37 frames after the last keyframe
    const moment = await api.job.addMoment({ jobId, timestampSec: t });
    expect(moment).toMatchObject({ status: "queued", timestampSec: t });
    expect((await api.job.moments({ jobId })).moments.map((m) => m.id)).toEqual([moment.id]);

    const { acked } = await deliverNext(stack, createJobHandler(stack.worker));
    expect(acked).toBe(true);
    expect((await api.job.moments({ jobId })).moments).toEqual([]);
    const delivered = (await api.job.frames({ jobId })).frames;
    expect(delivered.map((f) => [f.rank, f.manual])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    const added = delivered[2]!;
    expect(added.timestampSec).toBe(t);
    expect(added.fileName).toBe("index_00m05s480.jpg");
    const gray = await sharp((await fetchObject(added.downloadUrl)).body).resize(64, 36).grayscale().raw().toBuffer();
    const mean = gray.reduce((sum, v) => sum + v, 0) / gray.length;
    const truth = await sequentialFrameMean(file, 137);
    expect(Math.abs(truth - ((frameIndexLuma(137) - 16) * 255) / 219)).toBeLessThan(3);
    // A Free-plan frame carries the watermark in a corner; the mean of the whole frame barely moves.
    expect(Math.abs(mean - truth)).toBeLessThan(6);
    // The job itself is untouched: still done, its own frames as they were.
    const [job] = await stack.services.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(job!.status).toBe("done");
  });

  it("is refused past the end, twice for one frame, on an unfinished job, and beyond the plan's number", async () => {
    const owner = await makeAccount(stack, "free");
    const jobId = await finishedJob(owner);
    const api = stack.caller(owner);
    const [first] = await stack.services.db.select({ t: frames.timestampSec }).from(frames).where(eq(frames.jobId, jobId));

    const late = await trpcErrorOf(api.job.addMoment({ jobId, timestampSec: 9 }));
    expect([late.code, late.message]).toEqual(["BAD_REQUEST", "That moment is past the end of the video (8 s)."]);
    const same = await trpcErrorOf(api.job.addMoment({ jobId, timestampSec: first!.t + 0.01 }));
    expect([same.code, same.message]).toEqual(["CONFLICT", "That moment is already one of the picks."]);

    const allowed = TIERS.free.maxFramesPerVideo;
    for (let i = 0; i < allowed; i++) await api.job.addMoment({ jobId, timestampSec: 0.5 + i * 0.08 });
    const more = await trpcErrorOf(api.job.addMoment({ jobId, timestampSec: 7.5 }));
    expect([more.code, more.message]).toEqual(["TOO_MANY_REQUESTS", `You can add up to ${allowed} frames by hand to a job on the Free plan.`]);

    const { jobId: queued } = await api.job.create({ videoId: (await stack.services.db.select().from(jobs).where(eq(jobs.id, jobId)))[0]!.videoId, mode: "profile", quality: "fast", count: 1, minIntervalSec: 1 });
    const early = await trpcErrorOf(api.job.addMoment({ jobId: queued, timestampSec: 1 }));
    expect([early.code, early.message]).toEqual(["PRECONDITION_FAILED", "Moments can be added once the job has finished."]);
    // Leave the queue as found: the moments and the job the checks above queued.
    for (let i = 0; i < allowed + 1; i++) await deliverNext(stack, createJobHandler(stack.worker));
  });

  it("that cannot be rendered fails on its own, with a reason, and leaves the job and its frames alone", async () => {
    const owner = await makeAccount(stack, "free");
    const jobId = await finishedJob(owner);
    const api = stack.caller(owner);
    const moment = await api.job.addMoment({ jobId, timestampSec: 3 });
    // The upload is gone (as after a failed storage write): the last delivery gives up.
    const [job] = await stack.services.db.select().from(jobs).where(eq(jobs.id, jobId));
    const [video] = await stack.services.db.select().from(videos).where(eq(videos.id, job!.videoId));
    await stack.services.s3.send(new DeleteObjectCommand({ Bucket: stack.services.env.UPLOADS_BUCKET, Key: video!.s3Key }));
    expect(await processMoment(stack.worker, moment.id, stack.worker.env.WORKER_MAX_RECEIVES)).toBe("ack");
    expect((await api.job.moments({ jobId })).moments).toEqual([
      { id: moment.id, timestampSec: 3, status: "failed", errorReason: "Something went wrong on our side while adding this moment. Please try it again in a few minutes." },
    ]);
    expect((await api.job.status({ jobId })).status).toBe("done");
    expect((await api.job.frames({ jobId })).frames).toHaveLength(2);
    // Its queue message is spent: the worker finds nothing left to do for it.
    expect((await deliverNext(stack, createJobHandler(stack.worker))).acked).toBe(true);
  });

  it("whose message reaches the dead-letter queue is marked failed, and its job stays done", async () => {
    const owner = await makeAccount(stack, "free");
    const jobId = await finishedJob(owner);
    const moment = await stack.caller(owner).job.addMoment({ jobId, timestampSec: 2 });
    const message = { MessageId: "m-1", ReceiptHandle: "r-1", Body: JSON.stringify({ jobId, momentId: moment.id }), Attributes: { ApproximateReceiveCount: "3" } };
    const result = await createDeadLetterHandler(stack.worker)(sqsEvent([message], stack.dlqUrl));
    expect(result.batchItemFailures).toEqual([]);
    const [row] = await stack.services.db.select().from(momentRequests).where(eq(momentRequests.id, moment.id));
    expect(row).toMatchObject({ status: "failed", errorReason: "Adding this moment failed repeatedly on our side. Please try it again." });
    expect((await stack.caller(owner).job.status({ jobId })).status).toBe("done");
    await deliverNext(stack, createJobHandler(stack.worker));
  });
});
