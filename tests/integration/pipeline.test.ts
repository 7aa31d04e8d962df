import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { shortfallMessage } from "~/core/shortfall";
import { stageTimingsSchema } from "~/core/stage-timings";
import { jobFramesPrefix } from "~/core/storage-keys";
import { frames, jobs, videos } from "~/db/schema";
import { createJobHandler } from "~/worker/handler";
import { makeFaceVideo } from "../helpers/face-video";
import { makeVideo } from "../helpers/make-video";
import { createTestStack, deliverNext, fetchObject, sqsEvent, uploadFile, type TestStack } from "./helpers/stack";

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
    expect(await api.job.status({ jobId })).toMatchObject({ status: "queued", delivery: null });
    expect(await api.job.timeline({ jobId })).toBeNull();

    const handler = createJobHandler(stack.worker);
    const logged = vi.spyOn(console, "log");
    const { acked } = await deliverNext(stack, handler);
    expect(acked).toBe(true);

    const job = await api.job.status({ jobId });
    expect(job).toMatchObject({ status: "done", stage: "done", progress: 1, errorReason: null });
    expect(job.video).toMatchObject({ width: 1920, height: 1080 });
    expect(job.video.durationSec).toBeCloseTo(8, 0);

    // Where the time went, stored with the job (the page says "found in …") and logged as one line.
    const [row] = await stack.services.db.select().from(jobs).where(eq(jobs.id, jobId));
    const timings = stageTimingsSchema.parse(row!.timings);
    const stages = timings.stagesMs;
    for (const stage of ["queueWait", "download", "probe", "faceModel", "scan", "select", "grab", "encode", "upload"] as const) {
      expect(stages[stage], stage).toBeGreaterThanOrEqual(0);
    }
    expect(stages.grab! + stages.encode! + stages.scan!).toBeGreaterThan(0);
    expect(stages.crops).toBeUndefined(); // action mode cuts no crops
    // Up to the choice, stages run one after another and fit in the attempt's total; then two
    // picks render at once, so their stages add up to at most twice the time that was left.
    const beforeRender = stages.download! + stages.probe! + stages.faceModel! + stages.scan! + stages.select!;
    expect(beforeRender).toBeLessThanOrEqual(timings.totalMs + 5);
    expect(stages.grab! + stages.encode! + stages.upload!).toBeLessThanOrEqual(2 * (timings.totalMs - beforeRender) + 5);
    expect(timings.totalMs).toBeLessThanOrEqual(row!.finishedAt!.getTime() - row!.startedAt!.getTime() + 50);
    expect(job.processingMs).toBe(timings.totalMs);
    const lines = logged.mock.calls.map(([first]) => String(first)).filter((line) => line.includes(jobId));
    logged.mockRestore();
    // One line for the job, then one for its storyboard, made after it (nobody waits for that).
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]!)).toMatchObject({ event: "storyboard", jobId, saved: true, tiles: 4 });
    expect(JSON.parse(lines[0]!)).toMatchObject({
      event: "job-done",
      jobId,
      video: { width: 1920, height: 1080, codec: "h264" },
      settings: { mode: "action", quality: "fast", count: 3 },
      frames: 3,
      timings: { stagesMs: { ...stages, commit: expect.any(Number) } },
    });

    const { frames: picked } = await api.job.frames({ jobId });
    expect(picked.map((f) => f.rank)).toEqual([1, 2, 3]);
    // The status that says done brings the same frames along (the page shows them without asking again).
    expect(job.delivery?.frames.map(({ id, rank, fileName }) => ({ id, rank, fileName }))).toEqual(picked.map(({ id, rank, fileName }) => ({ id, rank, fileName })));
    const times = picked.map((f) => f.timestampSec).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1 - 1e-6);
    for (const f of picked) {
      expect(f.score).toBeGreaterThan(0);
      expect(f.score).toBeLessThanOrEqual(1);
      expect(Object.keys(f.metrics).length).toBeGreaterThanOrEqual(4);
      expect(f.fileName).toMatch(/^Beach-day_\d{2}m\d{2}s\d{3}\.jpg$/);
      // Guest output: long side at most 1280 px.
      expect(Math.max(f.width, f.height)).toBe(1280);
      // Crops are for profile pictures only.
      expect(f.crops).toEqual([]);
      expect(f.faceBox).toBeNull();
    }
    const scores = picked.map((f) => f.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    // The presigned URLs really serve the image, and the download one names the file.
    const best = picked[0]!;
    const { body: image } = await fetchObject(best.previewUrl);
    const meta = await sharp(image).metadata();
    expect(meta.format).toBe("jpeg");
    expect([meta.width, meta.height]).toEqual([best.width, best.height]);
    const download = await fetchObject(best.downloadUrl);
    expect(download.headers.get("content-disposition")).toContain(best.fileName);
    expect((await sharp((await fetchObject(best.thumbUrl)).body).metadata()).width).toBeLessThan(best.width);

    // The storyboard: one tile per stretch of the 8 s video (4, the fewest), in time order, each
    // inside its own quarter, on a JPEG of the stored size, downloadable under the video's name.
    const { storyboard } = await api.job.frames({ jobId });
    expect(storyboard).not.toBeNull();
    expect(storyboard!.tiles).toHaveLength(4);
    storyboard!.tiles.forEach((tile, i) => {
      expect(tile.timestampSec).toBeGreaterThanOrEqual(i * 2 - 1e-6);
      expect(tile.timestampSec).toBeLessThan((i + 1) * 2);
      expect(tile.width / tile.height).toBeCloseTo(16 / 9, 1);
    });
    const sheet = await fetchObject(storyboard!.url);
    expect(await sharp(sheet.body).metadata()).toMatchObject({ format: "jpeg", width: storyboard!.width, height: storyboard!.height });
    expect(sheet.body.byteLength).toBe(storyboard!.bytes);
    expect(storyboard!.fileName).toBe("Beach-day_storyboard.jpg");
    expect((await fetchObject(storyboard!.downloadUrl)).headers.get("content-disposition")).toContain("Beach-day_storyboard.jpg");

    // The timeline: every analysed moment's score across the video, the picks on it, and the
    // uploaded video itself to preview moments in (signed for the owner).
    const timeline = await api.job.timeline({ jobId });
    expect(timeline).not.toBeNull();
    expect(timeline!.points.length).toBeGreaterThanOrEqual(8); // a keyframe a second at least
    for (const p of timeline!.points) {
      expect(p.t).toBeGreaterThanOrEqual(0);
      expect(p.t).toBeLessThanOrEqual(timeline!.durationSec);
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
    }
    expect(timeline!.picks).toEqual(picked.map((f) => ({ rank: f.rank, timestampSec: f.timestampSec })));
    expect(timeline!.fps).toBeCloseTo(30, 1);
    expect((await fetchObject(timeline!.sourceUrl)).body.byteLength).toBe((await readFile(file)).byteLength);

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

  it("returns fewer frames from a half-spoilt video, and the job says why in the user's words", async () => {
    const viewer = crypto.randomUUID();
    const api = stack.caller(viewer);
    // From 1.5 s on, under-exposed with sensor grain: only 2 good moments 1 s apart fit before it.
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 6, width: 640, height: 360, fps: 25, degrade: { from: 1.5, to: 6, kind: "dark-noisy" } });
    const videoId = await uploadFile(stack, viewer, file);
    const { jobId } = await api.job.create({ videoId, mode: "action", quality: "balanced", count: 3, minIntervalSec: 1 });
    await deliverNext(stack, createJobHandler(stack.worker));
    const job = await api.job.status({ jobId });
    const delivered = (await api.job.frames({ jobId })).frames;
    expect(job.status).toBe("done");
    expect(delivered.length).toBeGreaterThan(0);
    expect(delivered.length).toBeLessThan(3);
    for (const frame of delivered) expect(frame.timestampSec).toBeLessThan(1.5);
    expect(job.shortfall).toEqual({ reason: "degraded", defects: ["noisy"] });
    expect(shortfallMessage(job.shortfall!, 3, delivered.length, 1)).toContain("dark and grainy");
  });

  it("delete removes the upload, every frame object and the rows", async () => {
    const viewer = crypto.randomUUID();
    const api = stack.caller(viewer);
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 4, width: 640, height: 360, fps: 30 });
    const videoId = await uploadFile(stack, viewer, file);
    // Profile mode: each frame also has a square and a 4:5 crop in storage.
    const { jobId } = await api.job.create({ videoId, mode: "profile", quality: "fast", count: 2, minIntervalSec: 1 });
    await deliverNext(stack, createJobHandler(stack.worker));
    const listFrames = () =>
      stack.services.s3.send(
        new ListObjectsV2Command({ Bucket: stack.services.env.FRAMES_BUCKET, Prefix: jobFramesPrefix(viewer, jobId) }),
      );
    const { frames: picked } = await api.job.frames({ jobId });
    expect(picked.length).toBeGreaterThan(0);
    const keys = (await listFrames()).Contents?.map((o) => o.Key ?? "") ?? [];
    expect(keys.filter((k) => /_(square|portrait)\.jpg$/.test(k))).toHaveLength(2 * picked.length);
    expect(keys).toHaveLength(4 * picked.length + 1); // frame, thumbnail, square, portrait; and the storyboard
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

describe("profile crops", () => {
  it("delivers a square and a 4:5 crop of each frame, framed on the face, next to the frame", async () => {
    const viewer = crypto.randomUUID();
    const api = stack.caller(viewer);
    // The portrait (3×: 414 × 420) well left of centre: a crop centred on the frame would miss the face.
    const file = await makeFaceVideo(dir, { width: 1920, height: 1080, photo: { left: 300, top: 200, width: 414 } });
    const videoId = await uploadFile(stack, viewer, file, { name: "Profile.mp4" });
    const { jobId } = await api.job.create({ videoId, mode: "profile", quality: "fast", count: 1, minIntervalSec: 1 });
    expect((await deliverNext(stack, createJobHandler(stack.worker))).acked).toBe(true);
    expect((await api.job.status({ jobId })).status).toBe("done");

    const [frame] = (await api.job.frames({ jobId })).frames;
    expect([frame!.width, frame!.height]).toEqual([1280, 720]);
    // The face, in the delivered (guest: 2/3 scale) frame's pixels, where the photo put it.
    const scale = 1280 / 1920;
    const face = frame!.faceBox!;
    expect(face).not.toBeNull();
    expect(Math.abs(face.x + face.width / 2 - (300 + 207) * scale)).toBeLessThan(30);
    expect(Math.abs(face.y + face.height / 2 - (200 + 210) * scale)).toBeLessThan(40);

    // Stored next to the frame, under the job's prefix.
    const prefix = jobFramesPrefix(viewer, jobId);
    const listed = await stack.services.s3.send(new ListObjectsV2Command({ Bucket: stack.services.env.FRAMES_BUCKET, Prefix: prefix }));
    expect((listed.Contents ?? []).map((o) => o.Key!.slice(prefix.length)).sort()).toEqual(["01.jpg", "01_portrait.jpg", "01_square.jpg", "01_thumb.jpg", "storyboard.jpg"]);

    expect(frame!.crops.map((c) => [c.aspect, c.label])).toEqual([
      ["1:1", "Square 1:1"],
      ["4:5", "Portrait 4:5"],
    ]);
    const [row] = await stack.services.db.select().from(frames).where(eq(frames.jobId, jobId));
    const detector = await stack.worker.faceDetector();
    for (const crop of frame!.crops) {
      const ratio = crop.aspect === "1:1" ? 1 : 4 / 5;
      expect(Math.abs(crop.width - crop.height * ratio), crop.aspect).toBeLessThanOrEqual(1);
      const suffix = crop.aspect === "1:1" ? "square" : "portrait";
      expect(crop.fileName).toBe(frame!.fileName.replace(/\.jpg$/, `_${suffix}.jpg`));

      const download = await fetchObject(crop.downloadUrl);
      expect(download.headers.get("content-disposition")).toContain(crop.fileName);
      const image = download.body;
      const stored = row!.crops.find((c) => c.aspect === crop.aspect)!;
      expect(stored).toMatchObject({ s3Key: `${prefix}01_${suffix}.jpg`, width: crop.width, height: crop.height, bytes: image.byteLength });

      // The face, found again on the delivered crop, is centred and in the upper half.
      const { data, info } = await sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([crop.width, crop.height]);
      const seen = await detector.detect(new Uint8Array(data), info.width, info.height);
      expect(seen, crop.aspect).toHaveLength(1);
      const centreX = (seen[0]!.x + seen[0]!.width / 2) / info.width;
      const centreY = (seen[0]!.y + seen[0]!.height / 2) / info.height;
      console.log(`${crop.aspect} crop ${crop.width}×${crop.height}: face centre at ${centreX.toFixed(3)}, ${centreY.toFixed(3)}`);
      expect(Math.abs(centreX - 0.5), crop.aspect).toBeLessThan(0.1);
      expect(centreY, crop.aspect).toBeLessThan(0.5);
    }
  });
});
