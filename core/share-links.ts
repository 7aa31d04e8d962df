/**
 * Read-only links to a job's gallery. One place for their rules: how long they may live, how many
 * a job may have open, and what a token looks like.
 */

/** What the owner chooses between; a link never outlives the job's own frames (its retention). */
export const SHARE_LINK_DAYS = [1, 7] as const;
export type ShareLinkDays = (typeof SHARE_LINK_DAYS)[number];

/** Links working at once per job: enough to hand out, few enough that leaking them stays contained. */
export const MAX_OPEN_SHARE_LINKS = 5;

/** 32 random bytes in base64url: 43 characters, guessable by no one. */
export const SHARE_TOKEN_BYTES = 32;
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Where a link opens; the origin is the site's own. */
export function sharePath(token: string): string {
  return `/s/${token}`;
}

/** The one answer for a token that is wrong, turned off or past its date: which of them is nobody's business. */
export const SHARE_LINK_GONE = "This link has expired or been turned off. Ask whoever sent it for a new one.";
