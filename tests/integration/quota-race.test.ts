/**
 * The allowance under concurrency: 20 job creations at once at the edge of a quota must never
 * exceed it (real PostgreSQL, real row locks).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TIERS } from "~/core/tiers";
import { jobs, quotaCharges } from "~/db/schema";
import { makeVideo } from "../helpers/make-video";
import { createTestStack, receiveOne, uploadFile, type TestStack } from "./helpers/stack";
import { makeAccount, openCharges } from "./helpers/quota-fixtures";

let stack: TestStack;
let dir: string;
let file: string;
const PARALLEL = 20;

beforeAll(async () => {
  stack = await createTestStack("quota-race");
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-quota-race-"));
  file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 1, width: 160, height: 90, fps: 10 });
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

/** 20 different uploaded videos, then one job.create per video, all at once. */
async function raceOnDistinctVideos(owner: string) {
  const videoIds = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => uploadFile(stack, owner, file, { name: `clip-${i}.mp4` })));
  const api = stack.caller(owner);
  const results = await Promise.allSettled(
    videoIds.map((videoId) => api.job.create({ videoId, mode: "action", quality: "fast", count: 1, minIntervalSec: 1 })),
  );
  const successes = results.filter((r) => r.status === "fulfilled").length;
  const refusals = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  return { successes, refusals };
}

function expectQuotaRefusals(refusals: unknown[], message: RegExp) {
  for (const err of refusals) {
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    expect((err as TRPCError).message).toMatch(message);
  }
}

describe("20 concurrent job creations at the edge of the allowance", () => {
  it("a Free account at 2 of 3 gets exactly one more video", async () => {
    const owner = await makeAccount(stack, "free");
    // Two videos already processed this month (their videos since deleted: charges outlive them).
    await stack.services.db.insert(quotaCharges).values([
      { ownerId: owner, videoId: crypto.randomUUID() },
      { ownerId: owner, videoId: crypto.randomUUID() },
    ]);

    const { successes, refusals } = await raceOnDistinctVideos(owner);
    const finalCount = await openCharges(stack, owner);
    console.log(`quota race, Free account at 2 of 3: ${PARALLEL} requests, ${successes} succeeded, ${refusals.length} refused, final count ${finalCount} of 3`);

    expect(successes).toBe(1);
    expect(refusals).toHaveLength(PARALLEL - 1);
    expectQuotaRefusals(refusals, /You have processed 3 of 3 videos this month on the Free plan\. Your allowance resets on \d{1,2} \w{3}\. Upgrade to Pro/);
    expect(finalCount).toBe(3);
    // Only the winner left a job behind, and only it was queued.
    expect(await stack.services.db.select().from(jobs).where(eq(jobs.ownerId, owner))).toHaveLength(1);
    expect(await receiveOne(stack, stack.queueUrl, 1)).toBeDefined();
    expect(await receiveOne(stack, stack.queueUrl, 1)).toBeUndefined();
    expect(await stack.caller(owner).viewer.usage()).toMatchObject({ used: 3, limit: 3, period: "month" });
  });

  it("a guest at 0 of 1 gets exactly one video", async () => {
    const owner = crypto.randomUUID();
    const { successes, refusals } = await raceOnDistinctVideos(owner);
    const finalCount = await openCharges(stack, owner);
    console.log(`quota race, guest at 0 of 1: ${PARALLEL} requests, ${successes} succeeded, ${refusals.length} refused, final count ${finalCount} of 1`);

    expect(successes).toBe(1);
    expect(refusals).toHaveLength(PARALLEL - 1);
    expectQuotaRefusals(refusals, /You have processed 1 of 1 video today as a guest\. .*Create a free account for 3 a month\./);
    expect(finalCount).toBe(1);
    expect(await stack.services.db.select().from(jobs).where(eq(jobs.ownerId, owner))).toHaveLength(1);
    const usage = await stack.caller(owner).viewer.usage();
    expect(usage).toMatchObject({ used: 1, limit: 1, period: "day" });
    // The next UTC midnight.
    expect(usage.resetsAt.getUTCHours()).toBe(0);
    expect(usage.resetsAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
  });

  it("re-runs of one video at once charge it once, and open no more jobs than the plan runs at a time", async () => {
    const owner = await makeAccount(stack, "free");
    await stack.services.db.insert(quotaCharges).values([
      { ownerId: owner, videoId: crypto.randomUUID() },
      { ownerId: owner, videoId: crypto.randomUUID() },
    ]);
    const videoId = await uploadFile(stack, owner, file);
    const api = stack.caller(owner);
    const results = await Promise.allSettled(
      Array.from({ length: PARALLEL }, (_, i) =>
        api.job.create({ videoId, mode: "action", quality: "fast", count: 1 + (i % 3), minIntervalSec: 1 }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(TIERS.free.maxOpenJobs);
    expectQuotaRefusals(
      results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : [])),
      /^Free accounts can run 2 jobs at a time, and 2 are still in progress\. Wait for one to finish, or cancel it, then try again\.$/,
    );
    expect(await stack.services.db.select().from(jobs).where(eq(jobs.ownerId, owner))).toHaveLength(TIERS.free.maxOpenJobs);
    expect(await openCharges(stack, owner)).toBe(3);
    const charges = await stack.services.db.select().from(quotaCharges).where(eq(quotaCharges.videoId, videoId));
    expect(charges).toHaveLength(1);
  });
});
