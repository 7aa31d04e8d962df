import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z, ZodError } from "zod";
import { jobs, quotaCharges, users, videos } from "~/db/schema";
import { claimVisitorData } from "~/server/services/account-claim";
import { signInWithPassword } from "~/server/services/account-sign-in";
import { makeVideo } from "../helpers/make-video";
import { createTestStack, uploadFile, type TestStack } from "./helpers/stack";
import { trpcErrorOf } from "./helpers/trpc-error";

let stack: TestStack;
let dir: string;
let videoFile: string;

beforeAll(async () => {
  stack = await createTestStack("accounts");
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-accounts-"));
  videoFile = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 3, width: 320, height: 240, fps: 24 });
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

const uniqueEmail = (tag: string) => `${tag}-${crypto.randomUUID().slice(0, 8)}@example.com`;

/** The per-field messages the sign-up form shows (the API formats the same ZodError). */
function fieldErrorsOf(err: TRPCError): Partial<Record<string, string[]>> {
  expect(err.cause).toBeInstanceOf(ZodError);
  return z.flattenError(err.cause as ZodError).fieldErrors;
}

async function userByEmail(email: string) {
  return stack.services.db.select().from(users).where(eq(users.email, email));
}

describe("account.signUp", () => {
  it("stores the email trimmed and lower-cased, and a bcrypt hash (never the password)", async () => {
    const email = uniqueEmail("mixed");
    const api = stack.caller(crypto.randomUUID());
    const result = await api.account.signUp({ email: `  ${email.toUpperCase()} `, password: "correct horse battery" });
    expect(result.email).toBe(email);
    const [row] = await userByEmail(email);
    expect(row).toBeDefined();
    expect(row!.isAnonymous).toBe(false);
    expect(row!.passwordHash).toMatch(/^\$2[aby]\$1[01]\$/);
    expect(row!.passwordHash).not.toContain("correct horse");
  });

  it("rejects a bad email and a short or long password with field errors", async () => {
    const api = stack.caller(crypto.randomUUID());
    const bad = await trpcErrorOf(api.account.signUp({ email: "not-an-email", password: "short" }));
    expect(bad.code).toBe("BAD_REQUEST");
    const fields = fieldErrorsOf(bad);
    expect(fields.email?.[0]).toMatch(/valid email address/);
    expect(fields.password?.[0]).toMatch(/at least 8 characters/);

    const long = await trpcErrorOf(api.account.signUp({ email: uniqueEmail("long"), password: "x".repeat(129) }));
    expect(long.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(long).password?.[0]).toMatch(/at most 128 characters/);
    expect(fieldErrorsOf(long).email).toBeUndefined();

    // The boundaries themselves are accepted.
    await api.account.signUp({ email: uniqueEmail("min"), password: "x".repeat(8) });
    await api.account.signUp({ email: uniqueEmail("max"), password: "x".repeat(128) });
  });

  it("refuses an email that exists in another case with CONFLICT", async () => {
    const email = uniqueEmail("dup");
    const api = stack.caller(crypto.randomUUID());
    await api.account.signUp({ email, password: "first password" });
    const err = await trpcErrorOf(api.account.signUp({ email: email.toUpperCase(), password: "second password" }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toBe("An account with this email already exists. Sign in instead.");
    // The first account keeps its password.
    const signIn = await signInWithPassword(stack.services.db, { email, password: "first password", ip: "10.1.0.1" });
    expect(signIn.ok).toBe(true);
  });

  it("creates exactly one account when the same email signs up concurrently", async () => {
    const email = uniqueEmail("race");
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        stack.caller(crypto.randomUUID()).account.signUp({ email: i % 2 ? email : email.toUpperCase(), password: `password ${i}` }),
      ),
    );
    const fulfilled = attempts.filter((a) => a.status === "fulfilled");
    const rejected = attempts.filter((a): a is PromiseRejectedResult => a.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(7);
    for (const r of rejected) expect((r.reason as TRPCError).code).toBe("CONFLICT");
    expect(await userByEmail(email)).toHaveLength(1);
  });
});

describe("anonymous → account carry-over", () => {
  it("moves the visitor's videos, jobs and usage to the account on sign-in, and only theirs", async () => {
    const db = stack.services.db;
    const visitor = crypto.randomUUID();
    const visitorApi = stack.caller(visitor);
    const videoId = await uploadFile(stack, visitor, videoFile, { name: "beach.mp4" });
    const { jobId } = await visitorApi.job.create({ videoId, mode: "action", quality: "fast", count: 2, minIntervalSec: 1 });
    // The job's quota charge (job creation records it once quotas are enforced; idempotent here).
    await db.insert(quotaCharges).values({ ownerId: visitor, videoId, jobId }).onConflictDoNothing();
    expect(await db.select().from(quotaCharges).where(eq(quotaCharges.ownerId, visitor))).toHaveLength(1);

    const email = uniqueEmail("carry");
    await visitorApi.account.signUp({ email, password: "carry over please" });
    const signedIn = await signInWithPassword(db, { email, password: "carry over please", ip: "10.2.0.1", visitorId: visitor });
    if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.reason}`);
    const accountId = signedIn.user.id;

    const [video] = await db.select().from(videos).where(eq(videos.id, videoId));
    const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(video!.ownerId).toBe(accountId);
    expect(job!.ownerId).toBe(accountId);
    // Kept as an account's results now: Free's 7 days from when they were made, not a guest's 24 hours.
    const sevenDays = 7 * 24 * 3_600_000;
    expect(Math.abs(job!.expiresAt.getTime() - job!.createdAt.getTime() - sevenDays)).toBeLessThan(1000);
    expect(video!.expiresAt.getTime()).toBeGreaterThanOrEqual(job!.expiresAt.getTime());
    const charges = await db.select().from(quotaCharges).where(eq(quotaCharges.jobId, jobId));
    expect(charges.map((c) => c.ownerId)).toEqual([accountId]);
    expect(await db.select().from(users).where(eq(users.id, visitor))).toHaveLength(0);

    const account = stack.caller(accountId);
    expect((await account.video.list()).videos.map((v) => v.id)).toEqual([videoId]);
    // What the guest used counts against the account's monthly allowance.
    expect(await account.viewer.usage()).toMatchObject({ used: 1, period: "month" });
    expect((await account.job.status({ jobId })).status).toBe("queued");

    // The same browser after signing out, and another account, see none of it.
    expect((await stack.caller(visitor).video.list()).videos).toEqual([]);
    expect((await stack.caller(visitor).viewer.usage()).used).toBe(0);
    const otherEmail = uniqueEmail("other");
    await stack.caller(crypto.randomUUID()).account.signUp({ email: otherEmail, password: "someone else" });
    const [other] = await userByEmail(otherEmail);
    const otherApi = stack.caller(other!.id);
    expect((await otherApi.video.list()).videos).toEqual([]);
    expect((await trpcErrorOf(otherApi.job.status({ jobId }))).code).toBe("NOT_FOUND");

    // Signing in again with the same (now empty) visitor cookie changes nothing.
    const again = await signInWithPassword(db, { email, password: "carry over please", ip: "10.2.0.1", visitorId: visitor });
    expect(again.ok).toBe(true);
    expect((await account.video.list()).videos.map((v) => v.id)).toEqual([videoId]);
  });

  it("never moves data between accounts, and a failed sign-in moves nothing", async () => {
    const db = stack.services.db;
    const owner = crypto.randomUUID();
    await db.insert(users).values({ id: owner, email: uniqueEmail("owner"), isAnonymous: false });
    const videoId = await uploadFile(stack, owner, videoFile);
    const thief = crypto.randomUUID();
    await db.insert(users).values({ id: thief, email: uniqueEmail("thief"), isAnonymous: false });

    expect(await claimVisitorData(db, owner, thief)).toBeNull();
    expect((await db.select().from(videos).where(eq(videos.id, videoId)))[0]!.ownerId).toBe(owner);

    const visitor = crypto.randomUUID();
    const visitorVideo = await uploadFile(stack, visitor, videoFile);
    const email = uniqueEmail("wrongpw");
    await stack.caller(visitor).account.signUp({ email, password: "the real password" });
    const failed = await signInWithPassword(db, { email, password: "not the password", ip: "10.3.0.1", visitorId: visitor });
    expect(failed.ok).toBe(false);
    expect((await db.select().from(videos).where(eq(videos.id, visitorVideo)))[0]!.ownerId).toBe(visitor);
  });

  it("moves the rows once when two sign-ins race with the same visitor", async () => {
    const db = stack.services.db;
    const visitor = crypto.randomUUID();
    const videoId = await uploadFile(stack, visitor, videoFile);
    const account = crypto.randomUUID();
    await db.insert(users).values({ id: account, email: uniqueEmail("race-claim"), isAnonymous: false });
    const results = await Promise.all([claimVisitorData(db, visitor, account), claimVisitorData(db, visitor, account)]);
    expect(results.filter((r) => r !== null)).toEqual([{ videos: 1, jobs: 0, quotaCharges: 0 }]);
    expect((await db.select().from(videos).where(eq(videos.id, videoId)))[0]!.ownerId).toBe(account);
  });
});
