/**
 * Share links: a read-only gallery for whoever holds the token, for as long as its owner chose
 * and never longer than the job's frames are kept; turned off at once when revoked. Real
 * PostgreSQL, the S3/SQS emulator and ffmpeg.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_OPEN_SHARE_LINKS, SHARE_LINK_GONE, SHARE_TOKEN_PATTERN } from "~/core/share-links";
import { jobs, shareLinks } from "~/db/schema";
import { claimVisitorData } from "~/server/services/account-claim";
import { createJobHandler } from "~/worker/handler";
import { makeVideo } from "../helpers/make-video";
import { makeAccount } from "./helpers/quota-fixtures";
import { createTestStack, deliverNext, fetchObject, uploadFile, type TestStack } from "./helpers/stack";
import { trpcErrorOf } from "./helpers/trpc-error";

let stack: TestStack;
let dir: string;
let file: string;
let owner: string;
let jobId: string;
let videoId: string;
const DAY_MS = 24 * 3_600_000;

const tokenOf = (link: { path: string }) => link.path.replace(/^\/s\//, "");

async function finishedJob(ownerId: string, name: string): Promise<{ videoId: string; jobId: string }> {
  const videoId = await uploadFile(stack, ownerId, file, { name });
  const { jobId } = await stack.caller(ownerId).job.create({ videoId, mode: "action", quality: "fast", count: 2, minIntervalSec: 1 });
  await deliverNext(stack, createJobHandler(stack.worker));
  return { videoId, jobId };
}

beforeAll(async () => {
  stack = await createTestStack("share-links");
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-share-"));
  file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 4, width: 640, height: 360, fps: 25 });
  owner = await makeAccount(stack, "free");
  ({ videoId, jobId } = await finishedJob(owner, "beach day.mp4"));
}, 120_000);

afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

describe("a share link", () => {
  it("shows anyone holding it the frames and the video's name, downloadable, and nothing else", async () => {
    const link = await stack.caller(owner).share.create({ jobId, days: 1 });
    expect(link.path).toMatch(/^\/s\/[A-Za-z0-9_-]{43}$/);
    expect(tokenOf(link)).toMatch(SHARE_TOKEN_PATTERN);
    // The days chosen, since the job's frames (a Free account's: 7 days) last longer.
    expect(Math.abs(link.expiresAt.getTime() - Date.now() - DAY_MS)).toBeLessThan(60_000);

    const stranger = stack.caller(crypto.randomUUID());
    const gallery = await stranger.share.view({ token: tokenOf(link) });
    expect(Object.keys(gallery).sort()).toEqual(["expiresAt", "frames", "storyboard", "videoName"]);
    expect(gallery.storyboard?.tiles.length).toBeGreaterThan(0);
    expect(gallery.videoName).toBe("beach day.mp4");
    expect(gallery.expiresAt).toEqual(link.expiresAt);
    expect(gallery.frames.map((f) => f.rank)).toEqual([1, 2]);
    const { body, headers } = await fetchObject(gallery.frames[0]!.downloadUrl);
    expect((await sharp(body).metadata()).format).toBe("jpeg");
    expect(headers.get("content-disposition")).toContain(gallery.frames[0]!.fileName);
    // The owner's account and their other ids stay out of it.
    const text = JSON.stringify(gallery);
    for (const secret of [`${owner}@example.test`, videoId, link.id]) expect(text).not.toContain(secret);
  });

  it("never outlives the job's frames: 'as long as they are kept' is the job's own date, and so is a longer choice", async () => {
    const guest = crypto.randomUUID();
    const { jobId: guestJob } = await finishedJob(guest, "guest.mp4");
    const [job] = await stack.services.db.select().from(jobs).where(eq(jobs.id, guestJob));
    const api = stack.caller(guest);
    expect((await api.share.create({ jobId: guestJob, days: null })).expiresAt).toEqual(job!.expiresAt);
    // A guest's frames are kept 24 hours: a 7-day link ends with them.
    expect((await api.share.create({ jobId: guestJob, days: 7 })).expiresAt).toEqual(job!.expiresAt);
  });

  it("stops working the moment its owner turns it off, with the same words as a link that never was", async () => {
    const api = stack.caller(owner);
    const link = await api.share.create({ jobId, days: 7 });
    const stranger = stack.caller(crypto.randomUUID());
    await stranger.share.view({ token: tokenOf(link) });
    await api.share.revoke({ linkId: link.id });

    const err = await trpcErrorOf(stranger.share.view({ token: tokenOf(link) }));
    expect(err.code).toBe("NOT_FOUND");
    expect(err.message).toBe(SHARE_LINK_GONE);
    const never = await trpcErrorOf(stranger.share.view({ token: "x".repeat(43) }));
    expect([never.code, never.message]).toEqual([err.code, err.message]);
    expect((await api.share.list({ jobId })).links.map((l) => l.id)).not.toContain(link.id);
    // Turning it off again changes nothing and is not an error.
    await expect(api.share.revoke({ linkId: link.id })).resolves.toEqual({ ok: true });
  });

  it("stops working when its date has passed", async () => {
    const api = stack.caller(owner);
    const link = await api.share.create({ jobId, days: 1 });
    await stack.services.db.update(shareLinks).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(shareLinks.id, link.id));
    const err = await trpcErrorOf(stack.caller(crypto.randomUUID()).share.view({ token: tokenOf(link) }));
    expect([err.code, err.message]).toEqual(["NOT_FOUND", SHARE_LINK_GONE]);
    expect((await api.share.list({ jobId })).links.map((l) => l.id)).not.toContain(link.id);
  });

  it(`is limited to ${MAX_OPEN_SHARE_LINKS} working at once per job; turning one off makes room`, async () => {
    const { jobId: job } = await finishedJob(owner, "busy.mp4");
    const api = stack.caller(owner);
    const made = [];
    for (let i = 0; i < MAX_OPEN_SHARE_LINKS; i++) made.push(await api.share.create({ jobId: job, days: 1 }));
    const err = await trpcErrorOf(api.share.create({ jobId: job, days: 1 }));
    expect(err.code).toBe("TOO_MANY_REQUESTS");
    expect(err.message).toContain(`already have ${MAX_OPEN_SHARE_LINKS} links working`);
    expect((await api.share.list({ jobId: job })).links.map((l) => l.id)).toEqual(made.map((l) => l.id));
    await api.share.revoke({ linkId: made[0]!.id });
    await expect(api.share.create({ jobId: job, days: 1 })).resolves.toMatchObject({ path: expect.stringMatching(/^\/s\//) as string });
  });

  it("is refused for a job that has not finished, and its choices are checked", async () => {
    const api = stack.caller(owner);
    const { jobId: queued } = await api.job.create({ videoId, mode: "profile", quality: "fast", count: 1, minIntervalSec: 1 });
    const err = await trpcErrorOf(api.share.create({ jobId: queued, days: 1 }));
    expect([err.code, err.message]).toEqual(["PRECONDITION_FAILED", "Only a finished job's frames can be shared."]);
    await deliverNext(stack, createJobHandler(stack.worker));
    const bad = await trpcErrorOf(api.share.create({ jobId, days: 3 as 1 }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toContain("1 or 7 days");
  });

  it("follows a guest's job into the account they create, and goes with the video when it is deleted", async () => {
    const guest = crypto.randomUUID();
    const { videoId: guestVideo, jobId: guestJob } = await finishedJob(guest, "moved.mp4");
    const link = await stack.caller(guest).share.create({ jobId: guestJob, days: null });
    const account = await makeAccount(stack, "free");
    await claimVisitorData(stack.services.db, guest, account);

    // The account now owns the link (through the job); the guest id no longer does.
    const api = stack.caller(account);
    expect((await api.share.list({ jobId: guestJob })).links.map((l) => l.id)).toEqual([link.id]);
    expect((await trpcErrorOf(stack.caller(guest).share.revoke({ linkId: link.id }))).code).toBe("NOT_FOUND");
    await stack.caller(crypto.randomUUID()).share.view({ token: tokenOf(link) });

    await api.video.delete({ videoId: guestVideo });
    expect(await stack.services.db.select().from(shareLinks).where(eq(shareLinks.id, link.id))).toEqual([]);
    expect((await trpcErrorOf(stack.caller(crypto.randomUUID()).share.view({ token: tokenOf(link) }))).code).toBe("NOT_FOUND");
  });
});
