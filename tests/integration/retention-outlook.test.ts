/**
 * What the billing page says ending Pro leaves in place (server/services/retention-outlook.ts),
 * through the tRPC billing router against real PostgreSQL: the viewer's own kept videos only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { videos } from "~/db/schema";
import { createTestStack, type TestStack } from "./helpers/stack";
import { makeAccount } from "./helpers/quota-fixtures";
import { trpcErrorOf } from "./helpers/trpc-error";

let stack: TestStack;

beforeAll(async () => {
  stack = await createTestStack("retention-outlook");
});
afterAll(async () => {
  await stack.close();
});

const DAY = 24 * 3_600_000;

async function videoOf(ownerId: string, name: string, expiresInDays: number, status: "uploaded" | "uploading" | "rejected" = "uploaded"): Promise<void> {
  await stack.services.db.insert(videos).values({
    ownerId,
    originalName: name,
    contentType: "video/mp4",
    sizeBytes: 1000,
    s3Key: `uploads/${crypto.randomUUID()}`,
    status,
    expiresAt: new Date(Date.now() + expiresInDays * DAY),
  });
}

describe("billing.retentionOutlook", () => {
  it("counts the viewer's kept videos, names the first to go and dates the last, and never sees another owner's", async () => {
    const owner = await makeAccount(stack, "pro");
    const other = await makeAccount(stack, "pro");
    await videoOf(owner, "beach.mp4", 21);
    await videoOf(owner, "party.mov", 4);
    await videoOf(owner, "hike.mp4", 29);
    await videoOf(owner, "gone.mp4", -1);
    // An upload never finished and a refused file are no results to keep.
    await videoOf(owner, "half-uploaded.mp4", 2, "uploading");
    await videoOf(owner, "not-a-video.mp4", 3, "rejected");
    // Another owner's video, sooner and later than all of the viewer's.
    await videoOf(other, "someone-else-soon.mp4", 1);
    await videoOf(other, "someone-else-late.mp4", 60);

    const outlook = await stack.caller(owner).billing.retentionOutlook();
    expect(outlook.videos).toBe(3);
    expect(outlook.first?.name).toBe("party.mov");
    expect(outlook.first!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3.9 * DAY);
    expect(outlook.first!.expiresAt.getTime()).toBeLessThan(Date.now() + 4.1 * DAY);
    expect(outlook.lastExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 28.9 * DAY);
    expect(outlook.lastExpiresAt!.getTime()).toBeLessThan(Date.now() + 29.1 * DAY);
  });

  it("says there is nothing kept when every video is past its date or there is none", async () => {
    const owner = await makeAccount(stack, "free");
    expect(await stack.caller(owner).billing.retentionOutlook()).toEqual({ videos: 0, first: null, lastExpiresAt: null });
    await videoOf(owner, "old.mp4", -2);
    expect(await stack.caller(owner).billing.retentionOutlook()).toEqual({ videos: 0, first: null, lastExpiresAt: null });
  });

  it("is for accounts only: a guest is told to sign in", async () => {
    const guest = crypto.randomUUID();
    const error = await trpcErrorOf(stack.caller(guest).billing.retentionOutlook());
    expect(error.code).toBe("UNAUTHORIZED");
  });
});
