import { createHmac } from "node:crypto";
import { lt, sql } from "drizzle-orm";
import type { Db } from "~/db/client";
import { ipLimitHits } from "~/db/schema";
import { UserError } from "./errors";

/**
 * Limits per client network, kept in PostgreSQL because Lambda instances share nothing. They
 * stop one machine from scripting sign-ups or flooding the queue, and stop a guest from resetting
 * the daily guest allowance with a private window: that allowance is counted per cookie, and
 * guests behind one IP also share `guestUploads`. Generous enough for an office or a carrier's
 * shared address; the per-account limits (tiers.ts, job-limits.ts) do the fine-grained work.
 */
/** Fixed windows, aligned to the epoch (UTC hours and days). */
const WINDOW_MS = { hour: 60 * 60_000, day: 24 * 60 * 60_000 } as const;

export const IP_LIMITS = {
  uploadCreate: { max: 30, per: "hour", appliesTo: "everyone", doing: "uploads" },
  jobCreate: { max: 60, per: "hour", appliesTo: "everyone", doing: "runs" },
  signUp: { max: 5, per: "hour", appliesTo: "everyone", doing: "sign-ups" },
  guestUploads: { max: 5, per: "day", appliesTo: "guests", doing: "uploads without an account" },
} as const satisfies Record<string, { max: number; per: keyof typeof WINDOW_MS; appliesTo: "everyone" | "guests"; doing: string }>;

export type IpLimitName = keyof typeof IP_LIMITS;

/** Rows older than the longest window are over and can go. */
const LONGEST_WINDOW_MS = WINDOW_MS.day;

/**
 * The key a client network is counted under: an HMAC of its IP with the app's secret, so the
 * table never holds an address (a plain hash of an IPv4 address is reversed by trying them all).
 * Null when the IP is unknown, or is this machine itself (`npm run dev`, the end-to-end tests: in
 * AWS, CloudFront names the real viewer): nothing to count under, so no limit applies.
 */
export function clientKeyOf(ip: string, secret: string): string | null {
  if (!ip || ip === "unknown" || isLoopback(ip)) return null;
  return createHmac("sha256", secret).update(`ip-limit:${ip}`).digest("base64url");
}

function isLoopback(ip: string): boolean {
  return ip === "::1" || ip === "localhost" || /^(::ffff:)?127\./.test(ip);
}

/**
 * Counts one request of `name` from `clientKey` in the current fixed window, atomically (one
 * upsert, safe under any concurrency), and refuses it with a message saying when to try again once
 * the window's allowance is spent. A refused request counts too: hammering does not help.
 */
export async function spendIpAllowance(db: Db, name: IpLimitName, clientKey: string, now: Date = new Date()): Promise<void> {
  const limit = IP_LIMITS[name];
  const windowMs = WINDOW_MS[limit.per];
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(ipLimitHits)
    .values({ action: name, clientKey, windowStart, hits: 1 })
    .onConflictDoUpdate({ target: [ipLimitHits.action, ipLimitHits.clientKey, ipLimitHits.windowStart], set: { hits: sql`${ipLimitHits.hits} + 1` } })
    .returning({ hits: ipLimitHits.hits });
  if ((row?.hits ?? 0) <= limit.max) return;
  const minutes = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 60_000));
  const wait = minutes >= 90 ? `${Math.ceil(minutes / 60)} hours` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
  throw new UserError("TOO_MANY_REQUESTS", `Too many ${limit.doing} from your network: ${limit.max} per ${limit.per} at most. Try again in ${wait}.`);
}

/** Deletes counts whose window is over; the retention sweep calls it. */
export async function pruneIpLimitHits(db: Db, now: Date = new Date()): Promise<number> {
  const rows = await db
    .delete(ipLimitHits)
    .where(lt(ipLimitHits.windowStart, new Date(now.getTime() - LONGEST_WINDOW_MS)))
    .returning({ action: ipLimitHits.action });
  return rows.length;
}
