/**
 * A hung ffmpeg does not hold a job: the attempt's watchdog stops it once its progress stalls,
 * kills the child and hands the job back for a retry. The worker's handler runs in this process
 * with the production policy, except a stall limit of 3 s instead of 2 min (the limit is the
 * policy's input, not what is under test), and an "ffmpeg" that never answers.
 */
import { spawnSync } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "~/db/schema";
import { createJobHandler } from "~/worker/handler";
import { testEnv } from "../setup/test-env";
import { createTestStack, deliverNext, uploadFile, type TestStack } from "./helpers/stack";

let stack: TestStack;
let dir: string;
let clip: string;
let pids: string;

beforeAll(async () => {
  stack = await createTestStack("watchdog");
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-watchdog-"));
  // The clip is made with the real ffmpeg, called directly: from here on this file's worker code
  // resolves "ffmpeg" to a script that notes its pid and sleeps (ffprobe stays the real one).
  clip = path.join(dir, "clip.mp4");
  const made = spawnSync(testEnv().FFMPEG_PATH ?? "ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2", "-pix_fmt", "yuv420p", clip]);
  if (made.status !== 0) throw new Error(`could not make the test clip: ${made.stderr.toString()}`);
  pids = path.join(dir, "pids");
  const hanging = path.join(dir, "hanging-ffmpeg");
  await writeFile(hanging, `#!/bin/sh\necho $$ >> "${pids}"\nexec sleep 600\n`);
  await chmod(hanging, 0o755);
  process.env.FFMPEG_PATH = hanging;
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("an attempt whose ffmpeg hangs", () => {
  it("is stopped once its progress stalls, its ffmpeg killed, and the job queued for a retry", async () => {
    const stallSec = 3;
    const viewer = crypto.randomUUID();
    const videoId = await uploadFile(stack, viewer, clip);
    const { jobId } = await stack.caller(viewer).job.create({ videoId, mode: "action", quality: "fast", count: 1, minIntervalSec: 1 });

    const startedAt = Date.now();
    const delivery = deliverNext(stack, createJobHandler({ ...stack.worker, timing: { ...stack.worker.timing, stallSec } }));
    // While it hangs, no progress is written, yet the attempt still says it is alive every
    // heartbeat (a page tells a dead worker's job by its silence: server/services/jobs.ts).
    const writes = new Set<number>();
    while (Date.now() - startedAt < (stallSec - 0.5) * 1000) {
      const [row] = await stack.services.db.select().from(jobs).where(eq(jobs.id, jobId));
      if (row?.status === "running") writes.add(row.updatedAt.getTime());
      await new Promise((r) => setTimeout(r, 100));
    }
    const { acked } = await delivery;
    const tookSec = (Date.now() - startedAt) / 1000;
    const heartbeatMs = stack.worker.timing.heartbeatSec * 1000;
    expect(Math.max(...writes) - Math.min(...writes)).toBeGreaterThanOrEqual(heartbeatMs);

    expect(acked).toBe(false);
    // Stopped once its progress had not moved for stallSec (checked four times per stallSec).
    expect(tookSec).toBeGreaterThanOrEqual(stallSec);
    expect(tookSec).toBeLessThan(stallSec * 1.25 + 3);
    const [job] = await stack.services.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(job).toMatchObject({ status: "queued", attempts: 1, progress: 0 });
    // Queued again from now: the next attempt's queue wait counts from here (core/stage-timings.ts).
    expect(job!.queuedAt.getTime()).toBeGreaterThan(job!.startedAt!.getTime());
    expect((await stack.caller(viewer).job.status({ jobId })).retry).toEqual({ attempt: 2, of: 3 });
    // The hung ffmpeg is gone, not left sleeping.
    const started = (await readFile(pids, "utf8")).split("\n").filter(Boolean).map(Number);
    expect(started.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(started.filter(isAlive)).toEqual([]);
    await stack.caller(viewer).job.cancel({ jobId });
  }, 60_000);
});
