"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { PRO_PRICES } from "~/core/pro-prices";
import { useTRPC } from "~/trpc/react";
import { errorMessageOf, retryUnlessFinal } from "../api/api-errors";
import { buttonClass } from "../ui/button-styles";
import { formatDay } from "./billing-format";
import { RetentionOutlook } from "./retention-outlook";
import { usePortal } from "./use-portal";

const INTERVAL_LABEL = { month: "Monthly", year: "Yearly" } as const;

/**
 * The viewer's plan and what they can do about it: upgrade (Free), manage billing, resume a
 * cancellation before it takes effect, or fix a failed payment.
 */
export function SubscriptionPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const plan = useQuery(trpc.billing.plan.queryOptions(undefined, { retry: retryUnlessFinal, refetchOnMount: "always" }));
  const status = useQuery(trpc.billing.status.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const portal = usePortal();
  const resume = useMutation(
    trpc.billing.resume.mutationOptions({
      // The tier shows in other places too (limits, usage): refresh them all.
      onSuccess: () => queryClient.invalidateQueries(),
    }),
  );

  let body;
  if (plan.isPending) {
    body = <div role="status" aria-busy="true" aria-label="Loading your plan" className="h-16 animate-pulse rounded-lg bg-zinc-100 motion-reduce:animate-none" />;
  } else if (plan.isError) {
    body = (
      <div role="alert" className="space-y-3 text-sm text-red-800">
        <p>Could not load your plan: {errorMessageOf(plan.error)}</p>
        <button type="button" className={buttonClass("secondary")} onClick={() => void plan.refetch()}>
          Try again
        </button>
      </div>
    );
  } else {
    const p = plan.data;
    const configured = status.data?.configured ?? true;
    const until = p.currentPeriodEnd ? formatDay(p.currentPeriodEnd) : null;
    const actionError = portal.error ?? resume.error;
    body = (
      <div className="space-y-4">
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <p className="text-lg font-semibold text-zinc-900" data-testid="plan-summary">
            {p.tier === "free"
              ? "Free"
              : p.state === "cancelling"
                ? `Pro until ${until ?? "the end of the period"}`
                : `Pro, renews ${until ?? "automatically"}`}
          </p>
          {p.interval && <span className="text-sm text-zinc-600">{INTERVAL_LABEL[p.interval]} billing</span>}
        </div>

        {p.state === "cancelling" && <p className="text-sm text-zinc-600">Your subscription will not renew. Resume it to keep Pro after {until}.</p>}
        {p.tier === "pro" && <RetentionOutlook proEnds={p.state === "cancelling" ? until : null} />}
        {p.state === "past_due" && (
          <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
            Your last payment failed — update your payment method to keep Pro.
          </div>
        )}
        {p.tier === "free" && (
          <p className="text-sm text-zinc-600">
            {configured
              ? `Pro lifts the limits: from ${PRO_PRICES.month.label}/month or ${PRO_PRICES.year.label}/year.`
              : "Upgrades are not available: billing is not configured on this server."}
          </p>
        )}

        <div className="flex flex-wrap gap-2">
          {p.tier === "free" && configured && (
            <Link href="/upgrade" className={buttonClass("primary")}>
              Upgrade to Pro
            </Link>
          )}
          {p.state === "past_due" && (
            <button type="button" className={buttonClass("primary")} disabled={portal.isPending} onClick={() => portal.mutate()}>
              Update payment method
            </button>
          )}
          {p.state === "cancelling" && (
            <button type="button" className={buttonClass("primary")} disabled={resume.isPending} onClick={() => resume.mutate()}>
              {resume.isPending ? "Resuming…" : "Resume subscription"}
            </button>
          )}
          {p.canManage && configured && (
            <button type="button" className={buttonClass("secondary")} disabled={portal.isPending} onClick={() => portal.mutate()}>
              {portal.isPending ? "Opening…" : "Manage billing"}
            </button>
          )}
        </div>
        {actionError && (
          <p role="alert" className="text-sm text-red-700">
            {errorMessageOf(actionError)}
          </p>
        )}
      </div>
    );
  }

  return (
    <section aria-labelledby="subscription-heading" className="rounded-2xl border border-zinc-200 bg-white p-6">
      <h2 id="subscription-heading" className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase">
        Subscription
      </h2>
      {body}
    </section>
  );
}
