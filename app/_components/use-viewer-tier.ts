"use client";

import { useQuery } from "@tanstack/react-query";
import { TIERS, type TierLimits } from "~/core/tiers";
import { useTRPC } from "~/trpc/react";

/**
 * The visitor's tier limits. Until the API answers, the guest tier stands in: it is the
 * strictest, and the server checks everything again anyway. Kept fresh for a short while only:
 * an upgrade or a lapse must show at once (billing pages also invalidate it).
 */
export function useViewerTier(): { tier: TierLimits; loaded: boolean } {
  const trpc = useTRPC();
  const me = useQuery(trpc.viewer.me.queryOptions(undefined, { staleTime: 30_000 }));
  return { tier: me.data?.tier ?? TIERS.anonymous, loaded: me.isSuccess };
}
