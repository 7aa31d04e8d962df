import { and, desc, eq, gt, sql } from "drizzle-orm";
import { SIGN_IN_WINDOW_MS } from "~/core/sign-in-attempts";
import type { Db } from "~/db/client";
import { signInAttempts, users } from "~/db/schema";
import { claimVisitorData } from "./account-claim";
import { verifyPassword } from "./account-passwords";
import { emailSchema, PASSWORD_MAX_LENGTH } from "./account-inputs";

/**
 * Limits on failed password sign-ins, both over a sliding 15-minute window:
 * - per email: 5 failures since the last successful sign-in (stops guessing one account's
 *   password from many IPs; a success needs the password, so it may reset the count);
 * - per IP: 20 failures whatever the outcome of other attempts (stops one client spraying
 *   passwords across many emails; not reset by success, or signing in to one's own account
 *   would clear it).
 * Refused attempts are not recorded, so hammering a locked account does not extend the lock.
 */
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

export interface PasswordSignIn {
  email: unknown;
  password: unknown;
  /** The client's address as far as we can tell ("unknown" when no proxy header says). */
  ip: string;
  /** The anonymous visitor whose videos move to the account on success, if any. */
  visitorId?: string | null;
}

export type PasswordSignInResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterMinutes: number };

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * When the newest `limit` failures matching `where` will have left the window, or null when
 * there are fewer than `limit` of them. Once the limit-th most recent one ages out, the count is
 * back under the limit.
 */
async function lockedUntil(tx: Tx, where: ReturnType<typeof and>, limit: number): Promise<Date | null> {
  const recent = await tx
    .select({ createdAt: signInAttempts.createdAt })
    .from(signInAttempts)
    .where(where)
    .orderBy(desc(signInAttempts.createdAt))
    .limit(limit);
  if (recent.length < limit) return null;
  return new Date(recent[limit - 1]!.createdAt.getTime() + SIGN_IN_WINDOW_MS);
}

/**
 * Checks both limits and, when neither is reached, records this attempt as a failure before
 * the password is even compared: parallel guesses count against the limit at once instead of
 * all passing the check while bcrypt runs. Serialised per email and per IP by advisory locks
 * (always taken in that order, so two attempts cannot deadlock).
 */
async function reserveAttempt(
  db: Db,
  email: string,
  ip: string,
  now: Date,
): Promise<{ attemptId: string } | { retryAt: Date }> {
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:email:${email}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:ip:${ip}`}))`);

    const [lastSuccess] = await tx
      .select({ createdAt: signInAttempts.createdAt })
      .from(signInAttempts)
      .where(
        and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, true), gt(signInAttempts.createdAt, windowStart)),
      )
      .orderBy(desc(signInAttempts.createdAt))
      .limit(1);
    const emailSince = lastSuccess ? lastSuccess.createdAt : windowStart;
    const emailLock = await lockedUntil(
      tx,
      and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, false), gt(signInAttempts.createdAt, emailSince)),
      MAX_FAILURES_PER_EMAIL,
    );
    const ipLock = await lockedUntil(
      tx,
      and(eq(signInAttempts.ip, ip), eq(signInAttempts.succeeded, false), gt(signInAttempts.createdAt, windowStart)),
      MAX_FAILURES_PER_IP,
    );
    const locks = [emailLock, ipLock].filter((d): d is Date => d !== null && d > now);
    if (locks.length > 0) return { retryAt: new Date(Math.max(...locks.map((d) => d.getTime()))) };

    const [row] = await tx
      .insert(signInAttempts)
      .values({ email, ip, succeeded: false, createdAt: now })
      .returning({ id: signInAttempts.id });
    return { attemptId: row!.id };
  });
}

/**
 * Email + password sign-in with rate limiting. The answer for an unknown email is the same as
 * for a wrong password, and takes about as long (one bcrypt compare either way). On success the
 * visitor's anonymous videos, jobs and usage move to the account.
 */
export async function signInWithPassword(
  db: Db,
  input: PasswordSignIn,
  now: Date = new Date(),
): Promise<PasswordSignInResult> {
  const parsedEmail = emailSchema.safeParse(input.email);
  const password = input.password;
  // Malformed input can match no account; nothing to count or compare.
  if (!parsedEmail.success || typeof password !== "string" || password.length === 0) return { ok: false, reason: "invalid" };
  if (password.length > PASSWORD_MAX_LENGTH) return { ok: false, reason: "invalid" };
  const email = parsedEmail.data;
  const ip = input.ip.slice(0, 100);

  const reserved = await reserveAttempt(db, email, ip, now);
  if ("retryAt" in reserved) {
    const retryAfterMinutes = Math.max(1, Math.ceil((reserved.retryAt.getTime() - now.getTime()) / 60_000));
    return { ok: false, reason: "rate_limited", retryAfterMinutes };
  }

  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, email), eq(users.isAnonymous, false)));
  const matches = await verifyPassword(password, user?.passwordHash);
  if (!user || !matches) return { ok: false, reason: "invalid" };

  await db.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, reserved.attemptId));
  if (input.visitorId) await claimVisitorData(db, input.visitorId, user.id);
  return { ok: true, user: { id: user.id, email, name: user.name } };
}
