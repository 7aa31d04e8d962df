"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TIERS, type TierLimits } from "~/core/tiers";
import { useTRPC } from "~/trpc/react";
import { useHydrated } from "../ui/use-hydrated";

/**
 * The visitor's tier limits. Until the API answers, the guest tier stands in for display: it is
 * the strictest, and the server checks everything again anyway. A check of the user's own file
 * uses `limitsNow`, which waits for the answer. Kept fresh for a short while only:
 * an upgrade or a lapse must show at once (billing pages also invalidate it).
 *
 * The answer counts only once this component has hydrated: the header asks for the same query
 * and can have its answer before a later part of the page hydrates, and that part must first
 * render what the server rendered (nothing loaded) or React throws the tree away (seen in CI on
 * the dashboard: "Pro plan includes" against the server's "Your plan includes").
 */
export function useViewerTier(): { tier: TierLimits; loaded: boolean; limitsNow: () => Promise<TierLimits> } {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const options = trpc.viewer.me.queryOptions(undefined, { staleTime: 30_000 });
  const me = useQuery(options);
  const loaded = hydrated && me.isSuccess;
  return {
    tier: loaded ? me.data.tier : TIERS.anonymous,
    loaded,
    // For an event handler: the answer (waiting for it while it loads), else the guest tier.
    limitsNow: () =>
      queryClient.ensureQueryData(options).then(
        (answer) => answer.tier,
        () => TIERS.anonymous,
      ),
  };
}
