import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobFramesPrefix } from "~/core/storage-keys";
import { frames, jobs, videos } from "~/db/schema";
import { createJobHandler } from "~/worker/handler";
import { makeVideo } from "../helpers/make-video";
import { createTestStack, deliverNext, sqsEvent, uploadFile, type TestStack } from "./helpers/stack";

let stack: TestStack;
let dir: string;

beforeAll(async () => {
  stack = await createTestStack("pipeline");
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-pipeline-"));
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

describe("upload → job → queue → worker → frames", () => {
  it("delivers the requested frames, upright, capped and watermarked for a guest, with download names", async () => {
    const viewer = crypto.randomUUID();
    const api = stack.caller(viewer);
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 8, width: 1920, height: 1080, fps: 30 });
    const videoId = await uploadFile(stack, viewer, file, { name: "Beach day.mp4" });

    const { jobId } = await api.job.create({ videoId, mode: "action", quality: "fast", count: 3, minIntervalSec: 1 });
    expect((await api.job.status({ jobId })).status).toBe("queued");

    const handler = createJobHandler(stack.worker);
    const { acked } = await deliverNext(stack, handler);
    expect(acked).toBe(true);

    const job = await api.job.status({ jobId });
    expect(job).toMatchObject({ status: "done", stage: "done", progress: 1, errorReason: null });
    expect(job.video).toMatchObject({ width: 1920, height: 1080 });
    expect(job.video.durationSec).toBeCloseTo(8, 0);

    const { frames: picked } = await api.job.frames({ jobId });
    expect(picked.map((f) => f.rank)).toEqual([1, 2, 3]);
    const times = picked.map((f) => f.timestampSec).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1 - 1e-6);
    for (const f of picked) {
      expect(f.score).toBeGreaterThan(0);
      expect(f.score).toBeLessThanOrEqual(1);
      expect(Object.keys(f.metrics).length).toBeGreaterThanOrEqual(4);
      expect(f.fileName).toMatch(/^Beach-day_\d{2}m\d{2}s\d{3}\.jpg$/);
      // Guest output: long side at most 1280 px.
      expect(Math.max(f.width, f.height)).toBe(1280);
    }
    const scores = picked.map((f) => f.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    // The presigned URLs really serve the image, and the download one names the file.
    const best = picked[0]!;
    const image = Buffer.from(await (await fetch(best.previewUrl)).arrayBuffer());
    const meta = await sharp(image).metadata();
    expect(meta.format).toBe("jpeg");
    expect([meta.width, meta.height]).toEqual([best.width, best.height]);
    const download = await fetch(best.downloadUrl);
    expect(download.headers.get("content-disposition")).toContain(best.fileName);
    expect((await sharp(Buffer.from(await (await fetch(best.thumbUrl)).arrayBuffer())).metadata()).width).toBeLessThan(best.width);

    // The listing shows the video with its job and a thumbnail.
    const { videos: listed } = await api.video.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: videoId, name: "Beach day.mp4", status: "uploaded" });
    expect(listed[0]!.jobs).toMatchObject([{ id: jobId, status: "done", frameCount: 3 }]);
    expect(listed[0]!.thumbUrl).toBeTruthy();
  });

  it("a redelivered message for a finished job changes nothing", async () => {
    const viewer = crypto.randomUUID();
    const api = stack.caller(viewer);
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 5, width: 640, height: 360, fps: 25 });
    const videoId = await uploadFile(stack, viewer, file);
    const { jobId } = await api.job.create({ videoId, mode: "action", quality: "fast", count: 2, minIntervalSec: 1 });
    const handler = createJobHandler(stack.worker);
    const { message } = await deliverNext(stack, handler);
    const before = await stack.services.db.select().from(frames).where(eq(frames.jobId, jobId));
    const [jobBefore] = await stack.services.db.select().from(jobs).where(eq(jobs.id, jobId));

    // The same message again, as SQS may deliver it at least once more.
    const again = await handler(sqsEvent([{ ...message, Attributes: { ApproximateReceiveCount: "2" } }], stack.queueUrl));
    expect(again.batchItemFailures).toEqual([]);
    const after = await stack.services.db.select().from(frames).where(eq(frames.jobId, jobId));
    const [jobAfter] = await stack.services.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(after.map((f) => f.id).sort()).toEqual(before.map((f) => f.id).sort());
    expect(jobAfter!.attempts).toBe(jobBefore!.attempts);
    expect(jobAfter!.finishedAt).toEqual(jobBefore!.finishedAt);
  });

  it("re-runs the same video with other settings without a new upload", async () => {
    const viewer = crypto.randomUUID();
    const api = stack.caller(viewer);
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 6, width: 640, height: 360, fps: 30 });
    const videoId = await uploadFile(stack, viewer, file);
    const handler = createJobHandler(stack.worker);
    const first = await api.job.create({ videoId, mode: "action", quality: "fast", count: 1, minIntervalSec: 1 });
    await deliverNext(stack, handler);
    const second = await api.job.create({ videoId, mode: "action", quality: "balanced", count: 3, minIntervalSec: 1.5 });
    await deliverNext(stack, handler);
    expect((await api.job.frames({ jobId: first.jobId })).frames).toHaveLength(1);
    expect((await api.job.frames({ jobId: second.jobId })).frames).toHaveLength(3);
    const [video] = await stack.services.db.select().from(videos).where(eq(videos.id, videoId));
    expect(video!.status).toBe("uploaded");
  });

  it("delete removes the upload, every frame object and the rows", async () => {
    const viewer = crypto.randomUUID();
    const api = stack.caller(viewer);
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 4, width: 640, height: 360, fps: 30 });
    const videoId = await uploadFile(stack, viewer, file);
    const { jobId } = await api.job.create({ videoId, mode: "action", quality: "fast", count: 2, minIntervalSec: 1 });
    await deliverNext(stack, createJobHandler(stack.worker));
    const listFrames = () =>
      stack.services.s3.send(
        new ListObjectsV2Command({ Bucket: stack.services.env.FRAMES_BUCKET, Prefix: jobFramesPrefix(viewer, jobId) }),
      );
    expect((await listFrames()).KeyCount).toBe(4); // two frames + two thumbnails
    const [video] = await stack.services.db.select().from(videos).where(eq(videos.id, videoId));

    await api.video.delete({ videoId });

    expect((await listFrames()).KeyCount ?? 0).toBe(0);
    await expect(
      stack.services.s3.send(new GetObjectCommand({ Bucket: stack.services.env.UPLOADS_BUCKET, Key: video!.s3Key })),
    ).rejects.toThrow();
    expect(await stack.services.db.select().from(jobs).where(eq(jobs.id, jobId))).toHaveLength(0);
    expect((await api.video.list()).videos).toHaveLength(0);
  });
});
