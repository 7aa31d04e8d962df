import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
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
  it("a text file renamed .mp4", async () => {
    const { job, rows, api, videoId } = await processUpload(await makeNotAVideo(dir), "holiday.mp4");
    expect(job.status).toBe("failed");
    expect(job.errorReason).toMatch(/not a video/i);
    expect(rows).toHaveLength(0);
    // The video remembers why, and a re-run is refused at once with the same reason.
    const [video] = await stack.services.db.select().from(videos).where(eq(videos.id, videoId));
    expect(video!.status).toBe("rejected");
    const err = await trpcErrorOf(api.job.create({ videoId, mode: "profile", quality: "fast", count: 1, minIntervalSec: 1 }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/not a video/i);
  });

  it("a truncated MP4", async () => {
    const good = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 4, width: 640, height: 360, fps: 30 });
    const { job, rows } = await processUpload(await makeTruncated(good), "cut.mp4");
    expect(job.status).toBe("failed");
    expect(job.errorReason).toMatch(/truncated|corrupt|incomplete|not a video/i);
    expect(rows).toHaveLength(0);
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
