import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs, videos } from "~/db/schema";
import { createJobHandler } from "~/worker/handler";
import { makeVideo } from "../helpers/make-video";
import { createTestStack, deliverNext, uploadFile, type TestStack } from "./helpers/stack";

let stack: TestStack;
let dir: string;
const owner = crypto.randomUUID();
const intruder = crypto.randomUUID();
let videoId: string;
let jobId: string;
let pendingVideoId: string;

beforeAll(async () => {
  stack = await createTestStack("ownership");
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-own-"));
  const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 4, width: 640, height: 360, fps: 30 });
  videoId = await uploadFile(stack, owner, file);
  // Started before the job uses up the guest's one video of the day (uploads are refused after).
  pendingVideoId = (await stack.caller(owner).upload.create({ name: "pending.mp4", type: "video/mp4", size: 1234 })).videoId;
  ({ jobId } = await stack.caller(owner).job.create({ videoId, mode: "action", quality: "fast", count: 2, minIntervalSec: 1 }));
  await deliverNext(stack, createJobHandler(stack.worker));
  // The intruder is a real visitor with data of their own.
  await uploadFile(stack, intruder, file);
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

async function expectNotFound(promise: Promise<unknown>) {
  const err: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  expect((err as TRPCError).code).toBe("NOT_FOUND");
  // The message says nothing about whose it is.
  expect((err as TRPCError).message).not.toContain(owner);
}

describe("another visitor's ids", () => {
  it("are NOT_FOUND on every procedure, and change nothing", async () => {
    const api = stack.caller(intruder);
    await expectNotFound(api.job.status({ jobId }));
    await expectNotFound(api.job.frames({ jobId }));
    await expectNotFound(api.job.cancel({ jobId }));
    await expectNotFound(api.job.create({ videoId, mode: "profile", quality: "fast", count: 1, minIntervalSec: 1 }));
    await expectNotFound(api.video.delete({ videoId }));
    await expectNotFound(api.video.ready({ videoId }));
    await expectNotFound(api.upload.complete({ videoId: pendingVideoId }));
    await expectNotFound(api.upload.abort({ videoId: pendingVideoId }));

    const listed = (await api.video.list()).videos;
    expect(listed).toHaveLength(1);
    expect(listed.map((v) => v.id)).not.toContain(videoId);

    // The owner's data is intact.
    const [video] = await stack.services.db.select().from(videos).where(eq(videos.id, videoId));
    const [job] = await stack.services.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(video).toBeDefined();
    expect(job!.status).toBe("done");
    expect((await stack.caller(owner).job.frames({ jobId })).frames).toHaveLength(2);
    const [pending] = await stack.services.db.select().from(videos).where(eq(videos.id, pendingVideoId));
    expect(pending!.status).toBe("uploading");
  });

  it("cannot be reached with made-up ids either", async () => {
    const api = stack.caller(intruder);
    await expectNotFound(api.job.status({ jobId: crypto.randomUUID() }));
    await expectNotFound(api.video.delete({ videoId: crypto.randomUUID() }));
    await expectNotFound(api.video.ready({ videoId: crypto.randomUUID() }));
  });

  it("the owner can cancel their own queued job", async () => {
    const api = stack.caller(owner);
    const { jobId: queued } = await api.job.create({ videoId, mode: "action", quality: "fast", count: 1, minIntervalSec: 1 });
    const view = await api.job.cancel({ jobId: queued });
    expect(view.status).toBe("cancelled");
    // The worker then finds nothing to do for it.
    const { acked } = await deliverNext(stack, createJobHandler(stack.worker));
    expect(acked).toBe(true);
    expect((await api.job.status({ jobId: queued })).status).toBe("cancelled");
    expect((await api.job.frames({ jobId: queued })).frames).toHaveLength(0);
  });
});

describe("a video uploaded earlier, opened to run again (video.ready, My videos' Find best frames)", () => {
  it("gives the owner what the configure step shows, as the worker probed it", async () => {
    const ready = await stack.caller(owner).video.ready({ videoId });
    expect(ready).toMatchObject({ videoId, name: expect.stringMatching(/\.mp4$/) as string, width: 640, height: 360 });
    expect(ready.durationSec).toBeCloseTo(4, 0);
    expect(ready.sizeBytes).toBeGreaterThan(0);
  });

  it("refuses an upload that has not finished, with the words job.create uses", async () => {
    const err = await stack.caller(owner).video.ready({ videoId: pendingVideoId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("PRECONDITION_FAILED");
    expect((err as TRPCError).message).toBe("The upload has not finished yet. Wait for it to complete, then try again.");
  });
});
