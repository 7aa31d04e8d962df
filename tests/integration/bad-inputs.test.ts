import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { eq } from "drizzle-orm";
import { VIDEO_FORMATS_LABEL } from "~/core/video-files";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frames, videos } from "~/db/schema";
import { createJobHandler } from "~/worker/handler";
import { makeNotAVideo, makeTruncated, makeVideo } from "../helpers/make-video";
import { createTestStack, deliverNext, uploadFile, type TestStack } from "./helpers/stack";
import { trpcErrorOf } from "./helpers/trpc-error";

let stack: TestStack;
let dir: string;

beforeAll(async () => {
  stack = await createTestStack("bad-inputs");
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-bad-"));
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

/** Uploads a file, runs its job through the worker, and returns the job as the user sees it. */
async function processUpload(file: string, name: string) {
  const viewer = crypto.randomUUID();
  const api = stack.caller(viewer);
  const videoId = await uploadFile(stack, viewer, file, { name, type: "video/mp4" });
  const { jobId } = await api.job.create({ videoId, mode: "action", quality: "fast", count: 2, minIntervalSec: 1 });
  const { acked } = await deliverNext(stack, createJobHandler(stack.worker));
  expect(acked).toBe(true); // nothing left going round the queue
  const job = await api.job.status({ jobId });
  const rows = await stack.services.db.select().from(frames).where(eq(frames.jobId, jobId));
  return { api, videoId, jobId, job, rows };
}

describe("bad input ends in a specific message and a failed job, never a stuck one", () => {
  it("a text file renamed .mp4 is refused when its upload completes: no video, no object, nothing charged", async () => {
    const viewer = crypto.randomUUID();
    const api = stack.caller(viewer);
    const body = await readFile(await makeNotAVideo(dir));
    const ticket = await api.upload.create({ name: "holiday.mp4", type: "video/mp4", size: body.byteLength });
    if (ticket.method !== "put") throw new Error("expected a single PUT");
    expect((await fetch(ticket.url, { method: "PUT", headers: ticket.headers, body })).ok).toBe(true);

    const [uploading] = await stack.services.db.select().from(videos).where(eq(videos.id, ticket.videoId));

    const err = await trpcErrorOf(api.upload.complete({ videoId: ticket.videoId }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/“holiday\.mp4” is not a video/);
    expect(err.message).toContain(VIDEO_FORMATS_LABEL);
    expect(await stack.services.db.select().from(videos).where(eq(videos.id, ticket.videoId))).toHaveLength(0);
    const head = stack.services.s3.send(new HeadObjectCommand({ Bucket: stack.services.env.UPLOADS_BUCKET, Key: uploading!.s3Key }));
    await expect(head).rejects.toMatchObject({ name: "NotFound" });
    expect((await api.video.list()).videos).toHaveLength(0);
    // The guest's one video of the day is still there to use.
    expect((await api.upload.create({ name: "real.mp4", type: "video/mp4", size: 1000 })).videoId).toBeDefined();
  });

  it("a truncated MP4 fails in the worker, and the video remembers why", async () => {
    const good = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 4, width: 640, height: 360, fps: 30 });
    const { job, rows, api, videoId } = await processUpload(await makeTruncated(good), "cut.mp4");
    expect(job.status).toBe("failed");
    expect(job.errorReason).toMatch(/truncated or damaged/i);
    expect(rows).toHaveLength(0);
    // A re-run is refused at once with the same reason.
    const [video] = await stack.services.db.select().from(videos).where(eq(videos.id, videoId));
    expect(video!.status).toBe("rejected");
    const err = await trpcErrorOf(api.job.create({ videoId, mode: "profile", quality: "fast", count: 1, minIntervalSec: 1 }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/truncated or damaged/i);
  });

  it("an audio-only file", async () => {
    const audio = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 3, width: 320, height: 240, fps: 25, audioOnly: true });
    const { job } = await processUpload(audio, "song.mp4");
    expect(job.status).toBe("failed");
    expect(job.errorReason).toMatch(/no video/i);
  });

  it("a video longer than the guest limit", async () => {
    const long = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 125, width: 160, height: 90, fps: 5 });
    const { job } = await processUpload(long, "long.mp4");
    expect(job.status).toBe("failed");
    expect(job.errorReason).toMatch(/2 min 5 s long; the Guest limit is 2 min/);
  });

  it("a zero-byte file is refused before anything is signed", async () => {
    const api = stack.caller(crypto.randomUUID());
    const err = await trpcErrorOf(api.upload.create({ name: "empty.mp4", type: "video/mp4", size: 0 }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/empty/i);
  });

  it("a file over the guest size limit is refused before anything is signed", async () => {
    const api = stack.caller(crypto.randomUUID());
    const err = await trpcErrorOf(api.upload.create({ name: "big.mp4", type: "video/mp4", size: 51 * 1024 * 1024 }));
    expect(err.code).toBe("PAYLOAD_TOO_LARGE");
    expect(err.message).toMatch(/limit is 50 MB/);
    expect((await api.video.list()).videos).toHaveLength(0);
  });

  it("a declared non-video type is refused", async () => {
    const api = stack.caller(crypto.randomUUID());
    const err = await trpcErrorOf(api.upload.create({ name: "notes.txt", type: "text/plain", size: 100 }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/not a video/);
  });

  it("an upload that never finished cannot be completed or processed", async () => {
    const api = stack.caller(crypto.randomUUID());
    const ticket = await api.upload.create({ name: "never.mp4", type: "video/mp4", size: 1000 });
    const completeErr = await trpcErrorOf(api.upload.complete({ videoId: ticket.videoId }));
    expect(completeErr.code).toBe("PRECONDITION_FAILED");
    expect(completeErr.message).toMatch(/not reached storage/);
    const jobErr = await trpcErrorOf(
      api.job.create({ videoId: ticket.videoId, mode: "action", quality: "fast", count: 1, minIntervalSec: 1 }),
    );
    expect(jobErr.code).toBe("PRECONDITION_FAILED");
    expect(jobErr.message).toMatch(/upload has not finished/);
  });

  it("an upload with missing bytes is rejected at completion and the partial object removed", async () => {
    const api = stack.caller(crypto.randomUUID());
    const ticket = await api.upload.create({ name: "short.mp4", type: "video/mp4", size: 2000 });
    if (ticket.method !== "put") throw new Error("expected a single PUT");
    // Emulators do not enforce the signed length (real S3 does): send fewer bytes to check our own check.
    await fetch(ticket.url, { method: "PUT", headers: ticket.headers, body: Buffer.alloc(1000, 1) });
    const err = await trpcErrorOf(api.upload.complete({ videoId: ticket.videoId }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/incomplete/);
  });

  it("job settings outside the allowed ranges come back as field errors", async () => {
    const api = stack.caller(crypto.randomUUID());
    const err = await trpcErrorOf(
      api.job.create({ videoId: crypto.randomUUID(), mode: "action", quality: "fast", count: 0, minIntervalSec: 20 }),
    );
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.cause?.name).toBe("ZodError");
  });

  it("a guest asking for more frames than the tier allows", async () => {
    const viewer = crypto.randomUUID();
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 3, width: 320, height: 240, fps: 25 });
    const videoId = await uploadFile(stack, viewer, file);
    const err = await trpcErrorOf(
      stack.caller(viewer).job.create({ videoId, mode: "action", quality: "fast", count: 5, minIntervalSec: 1 }),
    );
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/up to 3 frames/);
  });
});
