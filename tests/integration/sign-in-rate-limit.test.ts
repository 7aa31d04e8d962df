import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneSignInAttempts } from "~/core/sign-in-attempts";
import { signInAttempts } from "~/db/schema";
import {
  MAX_FAILURES_PER_EMAIL,
  MAX_FAILURES_PER_IP,
  signInWithPassword,
  type PasswordSignInResult,
} from "~/server/services/account-sign-in";
import { createTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;

beforeAll(async () => {
  stack = await createTestStack("sign-in-limit");
});
afterAll(() => stack.close());

const uniqueEmail = (tag: string) => `${tag}-${crypto.randomUUID().slice(0, 8)}@example.com`;
/** A fresh IP per test, so tests (and files running in parallel) never share a per-IP count. */
const uniqueIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const minutes = (n: number) => n * 60_000;

async function account(password: string): Promise<string> {
  const email = uniqueEmail("rl");
  await stack.caller(crypto.randomUUID()).account.signUp({ email, password });
  return email;
}

function signIn(email: string, password: string, ip: string, now: Date): Promise<PasswordSignInResult> {
  return signInWithPassword(stack.services.db, { email, password, ip }, now);
}

describe("password sign-in rate limit", () => {
  it(`locks an email after ${MAX_FAILURES_PER_EMAIL} wrong passwords, even for the right one, until they age out`, async () => {
    const email = await account("the right password");
    const t0 = new Date("2030-01-01T10:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      // Each guess from a different IP: the per-email limit does not care where they come from.
      expect(await signIn(email, `guess ${i}`, uniqueIp(), new Date(t0.getTime() + minutes(i)))).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    // The 5th failure was at t0+4 min; the first of the five leaves the window at t0+15 min.
    const locked = await signIn(email, "the right password", uniqueIp(), new Date(t0.getTime() + minutes(5)));
    expect(locked).toEqual({ ok: false, reason: "rate_limited", retryAfterMinutes: 10 });
    // The same email in another case is the same account.
    expect(await signIn(email.toUpperCase(), "the right password", uniqueIp(), new Date(t0.getTime() + minutes(14)))).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAfterMinutes: 1,
    });

    // Refused attempts do not extend the lock: after t0+15 min only four failures remain.
    const later = await signIn(email, "the right password", uniqueIp(), new Date(t0.getTime() + minutes(15) + 1000));
    expect(later.ok).toBe(true);
  });

  it("answers an unknown email exactly like a wrong password, and limits it the same way", async () => {
    const known = await account("known password");
    const unknown = uniqueEmail("nobody");
    const now = new Date("2030-02-01T10:00:00Z");
    const wrong = await signIn(known, "wrong password", uniqueIp(), now);
    const missing = await signIn(unknown, "wrong password", uniqueIp(), now);
    expect(missing).toEqual(wrong);
    for (let i = 1; i < MAX_FAILURES_PER_EMAIL; i++) {
      await signIn(known, "wrong password", uniqueIp(), now);
      await signIn(unknown, "wrong password", uniqueIp(), now);
    }
    const knownLocked = await signIn(known, "known password", uniqueIp(), now);
    const unknownLocked = await signIn(unknown, "anything at all", uniqueIp(), now);
    expect(knownLocked).toEqual({ ok: false, reason: "rate_limited", retryAfterMinutes: 15 });
    expect(unknownLocked).toEqual(knownLocked);
  });

  it(`limits one IP to ${MAX_FAILURES_PER_IP} failures across many emails, without locking those emails elsewhere`, async () => {
    const ip = uniqueIp();
    const now = new Date("2030-03-01T10:00:00Z");
    const victim = await account("victim password");
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      expect((await signIn(uniqueEmail("spray"), "password123", ip, now)).ok).toBe(false);
    }
    // This IP is now refused for any email, even with the right password...
    expect(await signIn(victim, "victim password", ip, now)).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAfterMinutes: 15,
    });
    // ...while the account's owner elsewhere signs in normally.
    expect((await signIn(victim, "victim password", uniqueIp(), now)).ok).toBe(true);
    // A success elsewhere does not clear the IP's count; time does.
    expect((await signIn(victim, "victim password", ip, new Date(now.getTime() + minutes(14)))).ok).toBe(false);
    expect((await signIn(victim, "victim password", ip, new Date(now.getTime() + minutes(15) + 1000))).ok).toBe(true);
  });

  it("counts concurrent guesses before bcrypt answers, so a burst cannot exceed the limit", async () => {
    const email = await account("burst password");
    const now = new Date("2030-04-01T10:00:00Z");
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(email, `burst guess ${i}`, uniqueIp(), now)));
    expect(burst.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(MAX_FAILURES_PER_EMAIL);
    expect(burst.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(12 - MAX_FAILURES_PER_EMAIL);
    const recorded = await stack.services.db.select().from(signInAttempts).where(eq(signInAttempts.email, email));
    expect(recorded).toHaveLength(MAX_FAILURES_PER_EMAIL);
  });

  it("resets an email's count after a successful sign-in", async () => {
    const email = await account("forgetful user");
    const now = new Date("2030-05-01T10:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await signIn(email, "almost", uniqueIp(), now);
    expect((await signIn(email, "forgetful user", uniqueIp(), new Date(now.getTime() + 1000))).ok).toBe(true);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) {
      expect(await signIn(email, "almost again", uniqueIp(), new Date(now.getTime() + 2000))).toEqual({ ok: false, reason: "invalid" });
    }
    expect((await signIn(email, "forgetful user", uniqueIp(), new Date(now.getTime() + 3000))).ok).toBe(true);
  });

  it("prunes attempts that can no longer count", async () => {
    const email = uniqueEmail("prune");
    const ip = uniqueIp();
    await signIn(email, "whatever1", ip, new Date("2020-01-01T00:00:00Z"));
    await pruneSignInAttempts(stack.services.db, new Date("2020-01-01T00:16:00Z"));
    expect(await stack.services.db.select().from(signInAttempts).where(eq(signInAttempts.email, email))).toHaveLength(0);
  });
});
