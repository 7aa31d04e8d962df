/**
 * The retention sweep: results keep the date their tier gave them when they were made (guest 24 h,
 * Free 7 days, Pro 30 days), whatever the plan is later; past it, jobs lose their frames and rows
 * and videos their upload; abandoned uploads and forgotten guests go; quota charges stay.
 * Time passes by running the sweep at a later "now", or by moving rows' timestamps back, never by waiting.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, UploadPartCommand } from "@aws-sdk/client-s3";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs, quotaCharges, subscriptions, users, videos } from "~/db/schema";
import { createJobHandler } from "~/worker/handler";
import { sweepExpired } from "~/worker/retention";
import { makeVideo } from "../helpers/make-video";
import { createTestStack, deliverNext, uploadFile, type TestStack } from "./helpers/stack";
import { makeAccount } from "./helpers/quota-fixtures";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let stack: TestStack;
let dir: string;
let clip: string;

beforeAll(async () => {
  // Its sweeps run at later "now"s: on a database and buckets of its own, so they cannot remove
  // what other files, running meanwhile, just made.
  stack = await createTestStack("retention", { isolated: true });
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-retention-"));
  clip = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 2, width: 320, height: 240, fps: 25 });
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

interface Processed {
  owner: string;
  videoId: string;
  jobId: string;
  s3Key: string;
  framesPrefix: string;
}

/** A real upload and a real job through the worker: an upload object and frame objects in S3. */
async function processed(owner: string, queue: "standard" | "priority" = "standard"): Promise<Processed> {
  const videoId = await uploadFile(stack, owner, clip);
  const { jobId } = await stack.caller(owner).job.create({ videoId, mode: "action", quality: "fast", count: 2, minIntervalSec: 0.5 });
  const { acked } = await deliverNext(stack, createJobHandler(stack.worker), queue === "priority" ? stack.priorityQueueUrl : stack.queueUrl);
  expect(acked).toBe(true);
  const [job] = await stack.services.db.select().from(jobs).where(eq(jobs.id, jobId));
  expect(job!.status).toBe("done");
  const [video] = await stack.services.db.select().from(videos).where(eq(videos.id, videoId));
  return { owner, videoId, jobId, s3Key: video!.s3Key, framesPrefix: job!.framesPrefix };
}

async function uploadExists(key: string): Promise<boolean> {
  return stack.services.s3.send(new HeadObjectCommand({ Bucket: stack.services.env.UPLOADS_BUCKET, Key: key })).then(
    () => true,
    () => false,
  );
}

async function frameObjects(prefix: string): Promise<number> {
  const page = await stack.services.s3.send(new ListObjectsV2Command({ Bucket: stack.services.env.FRAMES_BUCKET, Prefix: prefix }));
  return page.KeyCount ?? 0;
}

async function expectKept(p: Processed) {
  expect(await stack.services.db.select().from(videos).where(eq(videos.id, p.videoId))).toHaveLength(1);
  expect(await stack.services.db.select().from(jobs).where(eq(jobs.id, p.jobId))).toHaveLength(1);
  expect(await uploadExists(p.s3Key)).toBe(true);
  expect(await frameObjects(p.framesPrefix)).toBe(5); // two frames, two thumbnails, the storyboard
}

async function expectRemoved(p: Processed) {
  expect(await stack.services.db.select().from(videos).where(eq(videos.id, p.videoId))).toHaveLength(0);
  expect(await stack.services.db.select().from(jobs).where(eq(jobs.id, p.jobId))).toHaveLength(0);
  expect(await uploadExists(p.s3Key)).toBe(false);
  expect(await frameObjects(p.framesPrefix)).toBe(0);
  // The charge outlives the video: an expired video still counts in its period.
  const [charge] = await stack.services.db.select().from(quotaCharges).where(eq(quotaCharges.videoId, p.videoId));
  expect(charge).toMatchObject({ ownerId: p.owner, jobId: null, releasedAt: null });
}

describe("the retention sweep", () => {
  it("removes each result on the date its tier gave it when it was made, whatever the plan is later, and keeps the rest", async () => {
    const made = new Date();
    const guest = await processed(crypto.randomUUID());
    const guestRunning = await processed(crypto.randomUUID());
    const free = await processed(await makeAccount(stack, "free"));
    const pro = await processed(await makeAccount(stack, "pro"), "priority");
    const lapsedOwner = await makeAccount(stack, "pro");
    const lapsed = await processed(lapsedOwner, "priority");
    // Pro ends right after: what was made on Pro keeps Pro's 30 days.
    await stack.services.db.update(subscriptions).set({ status: "canceled" }).where(eq(subscriptions.userId, lapsedOwner));
    // A job on it is being processed (a re-run): the video must not vanish under it, whatever its date.
    await stack.services.db.update(jobs).set({ status: "running", finishedAt: null }).where(eq(jobs.id, guestRunning.jobId));

    // The dates, as the pages show them.
    for (const [p, hours] of [[guest, 24], [free, 7 * 24], [pro, 30 * 24], [lapsed, 30 * 24]] as const) {
      const [job] = await stack.services.db.select().from(jobs).where(eq(jobs.id, p.jobId));
      const [video] = await stack.services.db.select().from(videos).where(eq(videos.id, p.videoId));
      for (const date of [job!.expiresAt, video!.expiresAt]) {
        expect(Math.abs(date.getTime() - made.getTime() - hours * HOUR)).toBeLessThan(5 * 60_000);
      }
      expect((await stack.caller(p.owner).job.status({ jobId: p.jobId })).expiresAt).toEqual(job!.expiresAt);
    }

    const sweepAt = async (msFromNow: number) => {
      const result = await sweepExpired(stack.worker, new Date(Date.now() + msFromNow));
      console.log(`retention sweep at +${Math.round(msFromNow / HOUR)} h:`, JSON.stringify(result));
      expect(result.failed).toBe(0);
    };
    await sweepAt(23 * HOUR);
    for (const p of [guest, guestRunning, free, pro, lapsed]) await expectKept(p);
    await sweepAt(25 * HOUR);
    await expectRemoved(guest);
    for (const p of [guestRunning, free, pro, lapsed]) await expectKept(p);
    await sweepAt(8 * DAY);
    await expectRemoved(free);
    for (const p of [guestRunning, pro, lapsed]) await expectKept(p);
    await sweepAt(31 * DAY);
    for (const p of [pro, lapsed]) await expectRemoved(p);
    await expectKept(guestRunning);
  });

  it("expires each job's results on their own date on a video that is re-run, and the re-run keeps the video", async () => {
    const free = await makeAccount(stack, "free");
    const first = await processed(free);
    // As if made 8 days ago, on Free: its date has passed.
    await stack.services.db.update(jobs).set({ expiresAt: new Date(Date.now() - DAY) }).where(eq(jobs.id, first.jobId));
    await stack.services.db.update(videos).set({ expiresAt: new Date(Date.now() - DAY) }).where(eq(videos.id, first.videoId));
    // Re-run today (free of quota: the video's charge is from this period).
    const { jobId: rerunId } = await stack.caller(free).job.create({
      videoId: first.videoId,
      mode: "profile",
      quality: "fast",
      count: 1,
      minIntervalSec: 1,
    });
    expect((await deliverNext(stack, createJobHandler(stack.worker))).acked).toBe(true);
    const [rerun] = await stack.services.db.select().from(jobs).where(eq(jobs.id, rerunId));
    expect(rerun!.status).toBe("done");

    const result = await sweepExpired(stack.worker);
    expect(result.failed).toBe(0);
    // The old job's frames and row are gone.
    expect(await stack.services.db.select().from(jobs).where(eq(jobs.id, first.jobId))).toHaveLength(0);
    expect(await frameObjects(first.framesPrefix)).toBe(0);
    // Today's job, the video (its date moved to the re-run's) and its upload stay.
    expect(await stack.services.db.select().from(jobs).where(eq(jobs.id, rerunId))).toHaveLength(1);
    expect(await frameObjects(rerun!.framesPrefix)).toBe(5); // a profile frame: frame, thumbnail, square and 4:5 crops; the storyboard
    const [video] = await stack.services.db.select().from(videos).where(eq(videos.id, first.videoId));
    expect(video!.expiresAt).toEqual(rerun!.expiresAt);
    expect(await uploadExists(first.s3Key)).toBe(true);

    // On the re-run's date, its crops go with its frame, and the video with its upload.
    expect((await sweepExpired(stack.worker, new Date(rerun!.expiresAt.getTime() + 60_000))).failed).toBe(0);
    expect(await stack.services.db.select().from(jobs).where(eq(jobs.id, rerunId))).toHaveLength(0);
    expect(await frameObjects(rerun!.framesPrefix)).toBe(0);
    expect(await stack.services.db.select().from(videos).where(eq(videos.id, first.videoId))).toHaveLength(0);
    expect(await uploadExists(first.s3Key)).toBe(false);
  });

  it("re-writes an old upload when a job re-uses it, so the S3 backstop counts from its last use", async () => {
    const free = await makeAccount(stack, "free");
    const p = await processed(free);
    const head = () => stack.services.s3.send(new HeadObjectCommand({ Bucket: stack.services.env.UPLOADS_BUCKET, Key: p.s3Key }));
    const before = await head();
    // S3's LastModified has one-second resolution.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await stack.services.db.update(videos).set({ uploadedAt: new Date(Date.now() - 2 * DAY) }).where(eq(videos.id, p.videoId));

    await stack.caller(free).job.create({ videoId: p.videoId, mode: "action", quality: "fast", count: 1, minIntervalSec: 1 });
    const after = await head();
    expect(after.LastModified!.getTime()).toBeGreaterThan(before.LastModified!.getTime());
    expect(after.ContentLength).toBe(before.ContentLength);
    expect(after.ContentType).toBe(before.ContentType);
    await deliverNext(stack, createJobHandler(stack.worker));
  });

  it("removes objects whose row is gone once no upload URL for them can still work, and nothing else", async () => {
    const live = await processed(await makeAccount(stack, "free"));
    // A guest starts an upload, cancels it, and the old URL is used anyway: S3 cannot revoke it.
    const guest = stack.caller(crypto.randomUUID());
    const body = await readFile(clip);
    const ticket = await guest.upload.create({ name: "late.mp4", type: "video/mp4", size: body.byteLength });
    if (ticket.method !== "put") throw new Error("expected a single PUT");
    const [row] = await stack.services.db.select().from(videos).where(eq(videos.id, ticket.videoId));
    await guest.upload.abort({ videoId: ticket.videoId });
    expect((await fetch(ticket.url, { method: "PUT", headers: ticket.headers, body })).ok).toBe(true);
    expect(await uploadExists(row!.s3Key)).toBe(true);
    // Frames written for a job whose row went (an attempt that lost the race with a delete).
    const strayPrefix = `frames/${live.owner}/${crypto.randomUUID()}/`;
    await stack.services.s3.send(new PutObjectCommand({ Bucket: stack.services.env.FRAMES_BUCKET, Key: `${strayPrefix}01.jpg`, Body: Buffer.alloc(10, 1) }));

    // Within an upload URL's life, nothing is touched (an upload may still be arriving).
    expect((await sweepExpired(stack.worker, new Date(Date.now() + 30 * 60_000))).orphans).toBe(0);
    expect(await uploadExists(row!.s3Key)).toBe(true);

    const result = await sweepExpired(stack.worker, new Date(Date.now() + 2 * HOUR));
    expect(result).toMatchObject({ orphans: 2, failed: 0 });
    expect(await uploadExists(row!.s3Key)).toBe(false);
    expect(await frameObjects(strayPrefix)).toBe(0);
    await expectKept(live);
  });

  it("removes uploads that never finished after a day, aborting their multipart upload", async () => {
    const pro = await makeAccount(stack, "pro");
    const stale = await stack.caller(pro).upload.create({ name: "left.mp4", type: "video/mp4", size: 20 * 1024 * 1024 });
    const fresh = await stack.caller(pro).upload.create({ name: "going.mp4", type: "video/mp4", size: 20 * 1024 * 1024 });
    expect(stale.method).toBe("multipart");
    const [staleRow] = await stack.services.db.select().from(videos).where(eq(videos.id, stale.videoId));
    const sendPart = () =>
      stack.services.s3.send(
        new UploadPartCommand({
          Bucket: stack.services.env.UPLOADS_BUCKET,
          Key: staleRow!.s3Key,
          UploadId: staleRow!.multipartUploadId!,
          PartNumber: 1,
          Body: Buffer.alloc(1024, 1),
        }),
      );
    await expect(sendPart()).resolves.toBeDefined(); // the multipart upload is open until the sweep
    await stack.services.db.update(videos).set({ createdAt: new Date(Date.now() - 25 * HOUR) }).where(eq(videos.id, stale.videoId));

    await sweepExpired(stack.worker);

    const left = await stack.services.db.select().from(videos).where(inArray(videos.id, [stale.videoId, fresh.videoId]));
    expect(left.map((v) => v.id)).toEqual([fresh.videoId]);
    await expect(sendPart()).rejects.toMatchObject({ name: "NoSuchUpload" });
  });

  it("forgets guests with nothing left after 30 days, with their old charges", async () => {
    const forgotten = crypto.randomUUID();
    const recentGuest = crypto.randomUUID();
    const recentlyCharged = crypto.randomUUID();
    const monthAgo = new Date(Date.now() - 31 * DAY);
    await stack.services.db.insert(users).values([
      { id: forgotten, isAnonymous: true, createdAt: monthAgo },
      { id: recentGuest, isAnonymous: true, createdAt: new Date(Date.now() - 2 * DAY) },
      { id: recentlyCharged, isAnonymous: true, createdAt: monthAgo },
    ]);
    await stack.services.db.insert(quotaCharges).values([
      { ownerId: forgotten, videoId: crypto.randomUUID(), createdAt: monthAgo },
      // Processed (and deleted) a video two days ago: still counts, so the row stays.
      { ownerId: recentlyCharged, videoId: crypto.randomUUID(), createdAt: new Date(Date.now() - 2 * DAY) },
    ]);
    const account = await makeAccount(stack, "free");
    await stack.services.db.update(users).set({ createdAt: monthAgo }).where(eq(users.id, account));

    await sweepExpired(stack.worker);

    const left = await stack.services.db
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.id, [forgotten, recentGuest, recentlyCharged, account]));
    expect(left.map((u) => u.id).sort()).toEqual([recentGuest, recentlyCharged, account].sort());
    expect(await stack.services.db.select().from(quotaCharges).where(eq(quotaCharges.ownerId, forgotten))).toHaveLength(0);
    expect(await stack.services.db.select().from(quotaCharges).where(eq(quotaCharges.ownerId, recentlyCharged))).toHaveLength(1);
  });
});
