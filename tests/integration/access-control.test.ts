/**
 * Every procedure of the API, called by someone it must not serve: another account (with the
 * owner's ids) and an anonymous visitor. The table must name every procedure the router has, so
 * a new procedure cannot be added without deciding here who may call it. Real PostgreSQL,
 * fauxqs and ffmpeg; Stripe's servers are faked at the HTTP boundary (tests/fakes), because
 * this machine cannot reach Stripe.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frames, jobs, payments, shareLinks, subscriptions, users, videos } from "~/db/schema";
import { appRouter } from "~/server/api/root";
import { createJobHandler } from "~/worker/handler";
import { startFakeStripe, type FakeStripe } from "../fakes/stripe-server";
import { billingFor } from "../fakes/stripe-test-kit";
import { makeVideo } from "../helpers/make-video";
import { createTestStack, deliverNext, uploadFile, type TestStack } from "./helpers/stack";

let stack: TestStack;
let fake: FakeStripe;
let dir: string;

/** The owner's data: what no one else may see or change. */
const owner = { id: crypto.randomUUID(), email: `owner-${Date.now()}@example.com` };
const ids = { videoId: "", jobId: "", pendingVideoId: "", sessionId: "", customerId: "", subscriptionId: "", shareLinkId: "", shareToken: "" };

async function newAccount(tag: string): Promise<string> {
  const id = crypto.randomUUID();
  await stack.services.db.insert(users).values({ id, email: `${tag}-${id}@example.com`, isAnonymous: false });
  return id;
}

beforeAll(async () => {
  fake = await startFakeStripe();
  stack = await createTestStack("access-control", { billing: billingFor(fake) });
  dir = await mkdtemp(path.join(os.tmpdir(), "fp-acl-"));
  await stack.services.db.insert(users).values({ id: owner.id, email: owner.email, isAnonymous: false });
  const api = stack.caller(owner.id);

  // A finished job with frames, and an upload still open.
  const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 3, width: 320, height: 240, fps: 25 });
  ids.videoId = await uploadFile(stack, owner.id, file);
  ({ jobId: ids.jobId } = await api.job.create({ videoId: ids.videoId, mode: "action", quality: "fast", count: 1, minIntervalSec: 1 }));
  await deliverNext(stack, createJobHandler(stack.worker));
  ids.pendingVideoId = (await api.upload.create({ name: "pending.mp4", type: "video/mp4", size: 4321 })).videoId;
  const link = await api.share.create({ jobId: ids.jobId, days: 7 });
  ids.shareLinkId = link.id;
  ids.shareToken = link.path.split("/").pop() ?? "";

  // A paid subscription: customer, subscription and invoice rows.
  const { url } = await api.billing.checkout({ interval: "month" });
  ids.sessionId = new URL(url).pathname.split("/").pop() ?? "";
  fake.store.completeCheckout(ids.sessionId);
  await api.billing.confirmCheckout({ sessionId: ids.sessionId });
  const [row] = await stack.services.db.select().from(users).where(eq(users.id, owner.id));
  ids.customerId = row?.stripeCustomerId ?? "";
  ids.subscriptionId = fake.store.checkoutSession(ids.sessionId).subscription ?? "";
}, 120_000);

afterAll(async () => {
  await stack.close();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

type Api = ReturnType<TestStack["caller"]>;
const PICK = { mode: "profile", quality: "fast", count: 1, minIntervalSec: 1 } as const;

/** Each procedure, called with the owner's ids wherever it takes an id. */
const CALLS: Record<string, (api: Api) => Promise<unknown>> = {
  "viewer.me": (api) => api.viewer.me(),
  "viewer.usage": (api) => api.viewer.usage(),
  "upload.create": (api) => api.upload.create({ name: "mine.mp4", type: "video/mp4", size: 1000 }),
  "upload.complete": (api) => api.upload.complete({ videoId: ids.pendingVideoId }),
  "upload.abort": (api) => api.upload.abort({ videoId: ids.pendingVideoId }),
  "job.create": (api) => api.job.create({ videoId: ids.videoId, ...PICK }),
  "job.status": (api) => api.job.status({ jobId: ids.jobId }),
  "job.frames": (api) => api.job.frames({ jobId: ids.jobId }),
  "job.timeline": (api) => api.job.timeline({ jobId: ids.jobId }),
  "job.addMoment": (api) => api.job.addMoment({ jobId: ids.jobId, timestampSec: 1 }),
  "job.moments": (api) => api.job.moments({ jobId: ids.jobId }),
  "job.cancel": (api) => api.job.cancel({ jobId: ids.jobId }),
  "video.list": (api) => api.video.list(),
  "video.ready": (api) => api.video.ready({ videoId: ids.videoId }),
  "video.delete": (api) => api.video.delete({ videoId: ids.videoId }),
  "share.create": (api) => api.share.create({ jobId: ids.jobId, days: null }),
  "share.list": (api) => api.share.list({ jobId: ids.jobId }),
  "share.revoke": (api) => api.share.revoke({ linkId: ids.shareLinkId }),
  // The token is the permission: whoever holds the owner's sees the gallery (share-links.test.ts
  // checks what it shows). Without it, a well-formed guess gets nothing.
  "share.view": (api) => api.share.view({ token: "A".repeat(43) }),
  "account.signUp": (api) => api.account.signUp({ email: `new-${crypto.randomUUID()}@example.com`, password: "a-long-password" }),
  "billing.status": (api) => api.billing.status(),
  "billing.plan": (api) => api.billing.plan(),
  "billing.payments": (api) => api.billing.payments(),
  "billing.retentionOutlook": (api) => api.billing.retentionOutlook(),
  "billing.checkout": (api) => api.billing.checkout({ interval: "year" }),
  "billing.confirmCheckout": (api) => api.billing.confirmCheckout({ sessionId: ids.sessionId }),
  "billing.portal": (api) => api.billing.portal(),
  "billing.resume": (api) => api.billing.resume(),
};

/** Procedures only accounts may call. */
const ACCOUNT_ONLY = new Set([
  "billing.plan",
  "billing.payments",
  "billing.retentionOutlook",
  "billing.checkout",
  "billing.confirmCheckout",
  "billing.portal",
  "billing.resume",
]);

async function outcome(call: Promise<unknown>): Promise<{ ok: true; value: unknown } | { ok: false; error: TRPCError }> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { ok: false, error };
  }
}

/** Nothing of the owner's in an answer: no id, no email, no Stripe object of theirs. */
function expectNoOwnerData(value: unknown) {
  const text = JSON.stringify(value ?? null);
  for (const secret of [owner.id, owner.email, ...Object.values(ids)]) {
    expect(text).not.toContain(secret);
  }
}

async function expectOwnerDataIntact() {
  const db = stack.services.db;
  const [video] = await db.select().from(videos).where(eq(videos.id, ids.videoId));
  const [pending] = await db.select().from(videos).where(eq(videos.id, ids.pendingVideoId));
  const [job] = await db.select().from(jobs).where(eq(jobs.id, ids.jobId));
  expect(video?.ownerId).toBe(owner.id);
  expect(pending?.status).toBe("uploading");
  expect(job?.status).toBe("done");
  expect(await db.select().from(frames).where(eq(frames.jobId, ids.jobId))).toHaveLength(1);
  const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.userId, owner.id));
  expect(sub).toMatchObject({ id: ids.subscriptionId, status: "active", cancelAtPeriodEnd: false });
  expect((await db.select().from(payments).where(eq(payments.userId, owner.id))).length).toBeGreaterThan(0);
  const [link] = await db.select().from(shareLinks).where(eq(shareLinks.id, ids.shareLinkId));
  expect(link?.revokedAt).toBeNull();
}

describe("access control", () => {
  it("the table covers every procedure the API has", () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  it("another account gets NOT_FOUND or only its own data from every procedure, and changes nothing", async () => {
    const intruder = await newAccount("intruder");
    const api = stack.caller(intruder);
    const refused: string[] = [];
    for (const [name, call] of Object.entries(CALLS)) {
      const result = await outcome(call(api));
      if (result.ok) {
        expectNoOwnerData(result.value);
      } else {
        refused.push(name);
        expect(["NOT_FOUND", "PRECONDITION_FAILED"], `${name}: ${result.error.message}`).toContain(result.error.code);
        expect(result.error.message).not.toContain(owner.id);
      }
    }
    // Everything that takes one of the owner's ids is refused outright.
    expect(refused).toEqual(
      expect.arrayContaining([
        "upload.complete",
        "upload.abort",
        "job.create",
        "job.status",
        "job.frames",
        "job.timeline",
        "job.addMoment",
        "job.moments",
        "job.cancel",
        "video.ready",
        "video.delete",
        "share.create",
        "share.list",
        "share.revoke",
        "share.view",
        "billing.confirmCheckout",
      ]),
    );
    await expectOwnerDataIntact();
  });

  it("an anonymous visitor gets UNAUTHORIZED where an account is needed, NOT_FOUND for the owner's ids", async () => {
    const visitor = crypto.randomUUID();
    const api = stack.caller(visitor);
    for (const [name, call] of Object.entries(CALLS)) {
      const result = await outcome(call(api));
      if (ACCOUNT_ONLY.has(name)) {
        expect(result.ok, name).toBe(false);
        if (!result.ok) expect(result.error.code, name).toBe("UNAUTHORIZED");
      } else if (result.ok) {
        expectNoOwnerData(result.value);
      } else {
        expect(["NOT_FOUND", "PRECONDITION_FAILED"], `${name}: ${result.error.message}`).toContain(result.error.code);
      }
    }
    await expectOwnerDataIntact();
  });
});
