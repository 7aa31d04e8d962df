/**
 * Per-IP limits (core/ip-limits.ts) through the tRPC routers against real PostgreSQL: counted
 * atomically under concurrency, per client network, per window; and the HTTP context's choice of
 * network from CloudFront's viewer address.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IP_LIMITS, clientKeyOf, pruneIpLimitHits, spendIpAllowance } from "~/core/ip-limits";
import { ipLimitHits, users } from "~/db/schema";
import { createTestStack, type TestStack } from "./helpers/stack";
import { makeAccount } from "./helpers/quota-fixtures";
import { trpcErrorOf } from "./helpers/trpc-error";

let stack: TestStack;

beforeAll(async () => {
  stack = await createTestStack("ip-limits");
});
afterAll(async () => {
  await stack.close();
});

const SECRET = "test-secret-for-ip-keys";
/** A client network of its own for each test (documentation addresses, RFC 5737). */
const network = (n: number) => clientKeyOf(`203.0.113.${n}`, SECRET)!;
const upload = (i: number) => ({ name: `clip-${i}.mp4`, type: "video/mp4", size: 1000 });
const outcomes = (results: PromiseSettledResult<unknown>[]) => ({
  done: results.filter((r) => r.status === "fulfilled").length,
  refused: results.flatMap((r) => (r.status === "rejected" ? [r.reason as { code: string; message: string }] : [])),
});

describe("per-IP limits", () => {
  it(`${IP_LIMITS.uploadCreate.max + 5} uploads at once from one network: ${IP_LIMITS.uploadCreate.max} start, the rest are told when to try again; another network is unaffected`, async () => {
    const owner = await makeAccount(stack, "pro");
    const api = stack.caller(owner, network(1));
    const results = await Promise.allSettled(Array.from({ length: IP_LIMITS.uploadCreate.max + 5 }, (_, i) => api.upload.create(upload(i))));
    const { done, refused } = outcomes(results);
    expect(done).toBe(IP_LIMITS.uploadCreate.max);
    expect(refused).toHaveLength(5);
    for (const error of refused) {
      expect(error.code).toBe("TOO_MANY_REQUESTS");
      expect(error.message).toMatch(/^Too many uploads from your network: 30 per hour at most\. Try again in \d+ minutes?\.$/);
    }
    await expect(stack.caller(owner, network(2)).upload.create(upload(99))).resolves.toMatchObject({ videoId: expect.any(String) });
    // In-process callers name no network: nothing to count under.
    await expect(stack.caller(owner).upload.create(upload(100))).resolves.toMatchObject({ videoId: expect.any(String) });
  });

  it("a private window does not reset the guest allowance: new guests behind one network share 5 uploads a day; accounts there do not count against it", async () => {
    const key = network(3);
    const guests = Array.from({ length: IP_LIMITS.guestUploads.max + 1 }, () => crypto.randomUUID());
    for (const guest of guests.slice(0, -1)) await stack.caller(guest, key).upload.create(upload(0));
    const error = await trpcErrorOf(stack.caller(guests.at(-1)!, key).upload.create(upload(0)));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.message).toMatch(/^Too many uploads without an account from your network: 5 per day at most\. Try again in (\d+ minutes?|\d+ hours)\.$/);
    const account = await makeAccount(stack, "free");
    await expect(stack.caller(account, key).upload.create(upload(1))).resolves.toMatchObject({ videoId: expect.any(String) });
  });

  it("20 sign-ups at once from one network create exactly 5 accounts; a sign-up refused for its input costs nothing", async () => {
    const key = network(4);
    const guest = crypto.randomUUID();
    const invalid = await trpcErrorOf(stack.caller(guest, key).account.signUp({ email: "not-an-email", password: "correct horse battery" }));
    expect(invalid.code).toBe("BAD_REQUEST");
    const emails = Array.from({ length: 20 }, (_, i) => `ip-limit-${i}-${crypto.randomUUID()}@example.test`);
    const results = await Promise.allSettled(emails.map((email) => stack.caller(crypto.randomUUID(), key).account.signUp({ email, password: "correct horse battery staple" })));
    const { done, refused } = outcomes(results);
    expect(done).toBe(IP_LIMITS.signUp.max);
    expect(refused.every((e) => e.code === "TOO_MANY_REQUESTS" && e.message.startsWith("Too many sign-ups from your network: 5 per hour at most."))).toBe(true);
    const created = await Promise.all(emails.map((email) => stack.services.db.select({ id: users.id }).from(users).where(eq(users.email, email))));
    expect(created.filter((rows) => rows.length === 1)).toHaveLength(IP_LIMITS.signUp.max);
  });

  it("counts per window: the next hour starts afresh, and the sweep prunes windows that are over", async () => {
    const key = network(5);
    const hour = new Date("2026-12-07T10:00:00Z");
    for (let i = 0; i < IP_LIMITS.jobCreate.max; i++) await spendIpAllowance(stack.services.db, "jobCreate", key, new Date(hour.getTime() + i * 1000));
    const refused = await spendIpAllowance(stack.services.db, "jobCreate", key, new Date(hour.getTime() + 45 * 60_000)).catch((e: unknown) => e as Error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toBe("Too many runs from your network: 60 per hour at most. Try again in 15 minutes.");
    await expect(spendIpAllowance(stack.services.db, "jobCreate", key, new Date(hour.getTime() + 60 * 60_000))).resolves.toBeUndefined();

    const rowsOf = () => stack.services.db.select().from(ipLimitHits).where(eq(ipLimitHits.clientKey, key));
    expect(await rowsOf()).toHaveLength(2);
    await pruneIpLimitHits(stack.services.db, new Date(hour.getTime() + 25 * 60 * 60_000));
    expect((await rowsOf()).map((r) => r.windowStart.toISOString())).toEqual(["2026-12-07T11:00:00.000Z"]);
  });
});

describe("the client network a request is counted under", () => {
  it("is a keyed hash of the IP (never the address), the same for one IP and secret, and none for this machine or an unknown one", () => {
    const key = clientKeyOf("198.51.100.7", SECRET);
    expect(key).toMatch(/^[\w-]{43}$/);
    expect(key).not.toContain("198");
    expect(clientKeyOf("198.51.100.7", SECRET)).toBe(key);
    expect(clientKeyOf("198.51.100.8", SECRET)).not.toBe(key);
    expect(clientKeyOf("198.51.100.7", "another-secret")).not.toBe(key);
    for (const local of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "unknown", ""]) expect(clientKeyOf(local, SECRET)).toBeNull();
  });
});
