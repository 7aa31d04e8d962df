/**
 * How long results are kept (the tiers' "results kept", core/tiers.ts), fixed when they are made:
 * a video's date comes from the uploader's tier at upload, a job's from the owner's tier when it
 * is created, and a job moves its video's date later, never earlier. Changing plan later changes
 * no date, so what a user was promised on Pro is kept after Pro ends. The retention sweep
 * (worker/retention.ts) removes what is past its date; the pages show the dates.
 */
import type { TierLimits } from "./tiers";

const HOUR_MS = 3_600_000;

export function expiryFor(tier: TierLimits, from: Date): Date {
  return new Date(from.getTime() + tier.retentionHours * HOUR_MS);
}
