import { usageOf, type Usage } from "~/core/quota";
import type { TierLimits } from "~/core/tiers";
import type { Services } from "./runtime";

/** The viewer's videos used in the current period, the limit, and when it resets (the usage meter). */
export function viewerUsage(svc: Pick<Services, "db">, ownerId: string, tier: TierLimits): Promise<Usage> {
  return usageOf(svc.db, ownerId, tier);
}
