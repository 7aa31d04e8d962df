/**
 * Limits on keeping the workers busy (core/job-limits.ts), under concurrency: real PostgreSQL,
 * real row locks, the real tRPC route for the batch cap.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TIERS } from "~/core/tiers";
import { jobs } from "~/db/schema";
import { makeVideo } from "../helpers/make-video";
import { createTestStack, uploadFile, type TestStack } from "./helpers/stack";
import { makeAccount } from "./helpers/quota-fixtures";

let stack: TestStack;
let dir: string;
let file: string;
const settings = { mode: "action", quality: "fast", count: 1, minIntervalSec: 1 } as const;

beforeAll(async () => {
  stack = await createTestStack("job-limits");
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-job-limits-"));
  file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 1, width: 160, height: 90, fps: 10 });
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

const jobsOf = (owner: string) => stack.services.db.select().from(jobs).where(eq(jobs.ownerId, owner));

function refusalsOf(results: PromiseSettledResult<unknown>[]): TRPCError[] {
  return results.flatMap((r) => (r.status === "rejected" ? [r.reason as TRPCError] : []));
}

describe("jobs open at once", () => {
  it("50 job.create calls at once from a Pro account open exactly 5 jobs; the rest are told why", async () => {
    const owner = await makeAccount(stack, "pro");
    const videoIds = await Promise.all(Array.from({ length: 3 }, (_, i) => uploadFile(stack, owner, file, { name: `clip-${i}.mp4` })));
    const api = stack.caller(owner);
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => api.job.create({ videoId: videoIds[i % 3]!, ...settings })));
    const refusals = refusalsOf(results);
    console.log(`job limits, Pro account: 50 requests at once, ${50 - refusals.length} jobs opened, ${refusals.length} refused`);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(TIERS.pro.maxOpenJobs);
    expect((await jobsOf(owner)).length).toBe(5);
    for (const err of refusals) {
      expect(err.code).toBe("TOO_MANY_REQUESTS");
      expect(err.message).toBe("Pro accounts can run 5 jobs at a time, and 5 are still in progress. Wait for one to finish, or cancel it, then try again.");
    }
  });

  it("a guest runs one at a time; once it ends, the next may start", async () => {
    const guest = crypto.randomUUID();
    const videoId = await uploadFile(stack, guest, file);
    const api = stack.caller(guest);
    const { jobId } = await api.job.create({ videoId, ...settings });
    await expect(api.job.create({ videoId, ...settings, count: 2 })).rejects.toThrow(
      "Guests can run 1 job at a time, and one is still in progress. Wait for it to finish, or cancel it, then try again.",
    );
    await api.job.cancel({ jobId });
    await expect(api.job.create({ videoId, ...settings, count: 2 })).resolves.toMatchObject({ jobId: expect.any(String) });
  });
});

describe("runs of one video a day", () => {
  it("a guest may run a video 5 times in 24 hours, then is told to come back tomorrow", async () => {
    const guest = crypto.randomUUID();
    const videoId = await uploadFile(stack, guest, file);
    const api = stack.caller(guest);
    for (let run = 0; run < TIERS.anonymous.runsPerVideoPerDay; run++) {
      const { jobId } = await api.job.create({ videoId, ...settings, count: 1 + (run % 3) });
      await api.job.cancel({ jobId });
    }
    await expect(api.job.create({ videoId, ...settings })).rejects.toThrow(
      "This video has been run 5 times in the last 24 hours, the most the Guest plan allows. Try again tomorrow, or upload another video.",
    );
    // Runs from more than a day ago no longer count.
    await stack.services.db.update(jobs).set({ createdAt: new Date(Date.now() - 25 * 3_600_000) }).where(eq(jobs.ownerId, guest));
    await expect(api.job.create({ videoId, ...settings })).resolves.toMatchObject({ jobId: expect.any(String) });
  });
});
