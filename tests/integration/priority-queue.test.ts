/** Pro jobs go to the priority queue, and the worker drains it before the standard one. */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs } from "~/db/schema";
import { makeVideo } from "../helpers/make-video";
import { testEnv } from "../setup/test-env";
import { createTestStack, deleteMessage, receiveOne, uploadFile, type TestStack } from "./helpers/stack";
import { makeAccount } from "./helpers/quota-fixtures";

let stack: TestStack;
let dir: string;
let clip: string;
const settings = { mode: "action", quality: "fast", count: 1, minIntervalSec: 1 } as const;

beforeAll(async () => {
  stack = await createTestStack("priority");
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-priority-"));
  clip = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 2, width: 320, height: 240, fps: 25 });
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

async function queueJob(owner: string): Promise<string> {
  const videoId = await uploadFile(stack, owner, clip);
  return (await stack.caller(owner).job.create({ videoId, ...settings })).jobId;
}

/** The job id a queue's next message carries, or null when it is empty; the message is removed. */
async function nextJobOn(queueUrl: string): Promise<string | null> {
  const message = await receiveOne(stack, queueUrl, 1);
  if (!message) return null;
  await deleteMessage(stack, message, queueUrl);
  return (JSON.parse(message.Body ?? "{}") as { jobId?: string }).jobId ?? null;
}

describe("queue by tier", () => {
  it("Pro jobs land on the priority queue, Free and guest jobs on the standard one", async () => {
    const proJob = await queueJob(await makeAccount(stack, "pro"));
    const freeJob = await queueJob(await makeAccount(stack, "free"));
    const guestJob = await queueJob(crypto.randomUUID());

    expect(await nextJobOn(stack.priorityQueueUrl)).toBe(proJob);
    expect(await nextJobOn(stack.priorityQueueUrl)).toBeNull();
    expect([await nextJobOn(stack.queueUrl), await nextJobOn(stack.queueUrl)].sort()).toEqual([freeJob, guestJob].sort());
    expect(await nextJobOn(stack.queueUrl)).toBeNull();
  });

  it("the local worker runs a Pro job queued behind others first", async () => {
    const free = await makeAccount(stack, "free");
    const behind = [await queueJob(free), await queueJob(free), await queueJob(crypto.randomUUID())];
    const proJob = await queueJob(await makeAccount(stack, "pro"));

    const runner = spawn(process.execPath, ["--import", "tsx", "worker/local-runner.ts"], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        ...testEnv(),
        JOBS_QUEUE_URL: stack.queueUrl,
        JOBS_PRIORITY_QUEUE_URL: stack.priorityQueueUrl,
        JOBS_DLQ_URL: stack.dlqUrl,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    runner.stdout?.resume();
    runner.stderr?.resume();
    try {
      const all = [proJob, ...behind];
      const deadline = Date.now() + 90_000;
      let rows = await stack.services.db.select().from(jobs).where(inArray(jobs.id, all));
      while (rows.some((j) => j.status !== "done") && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        rows = await stack.services.db.select().from(jobs).where(inArray(jobs.id, all));
      }
      expect(rows.map((j) => j.status)).toEqual(["done", "done", "done", "done"]);
      const started = (id: string) => rows.find((j) => j.id === id)!.startedAt!.getTime();
      for (const id of behind) expect(started(proJob)).toBeLessThan(started(id));
    } finally {
      runner.kill("SIGTERM");
      await new Promise((r) => runner.once("exit", r));
    }
  }, 120_000);
});
