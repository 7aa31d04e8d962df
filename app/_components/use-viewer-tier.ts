"use client";

import { useQuery } from "@tanstack/react-query";
import { TIERS, type TierLimits } from "~/core/tiers";
import { useTRPC } from "~/trpc/react";
import { useHydrated } from "./use-hydrated";

/**
 * The visitor's tier limits. Until the API answers, the guest tier stands in: it is the
 * strictest, and the server checks everything again anyway. Kept fresh for a short while only:
 * an upgrade or a lapse must show at once (billing pages also invalidate it).
 *
 * The answer counts only once this component has hydrated: the header asks for the same query
 * and can have its answer before a later part of the page hydrates, and that part must first
 * render what the server rendered (nothing loaded) or React throws the tree away (seen in CI on
 * the dashboard: "Pro plan includes" against the server's "Your plan includes").
 */
export function useViewerTier(): { tier: TierLimits; loaded: boolean } {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const me = useQuery(trpc.viewer.me.queryOptions(undefined, { staleTime: 30_000 }));
  const loaded = hydrated && me.isSuccess;
  return { tier: loaded ? me.data.tier : TIERS.anonymous, loaded };
}
