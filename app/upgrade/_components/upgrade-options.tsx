"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { PRO_PRICES, yearlySavingPercent, type BillingInterval } from "~/core/pro-prices";
import { TIERS } from "~/core/tiers";
import { errorMessageOf, retryUnlessFinal } from "~/app/_components/api/api-errors";
import { buttonClass } from "~/app/_components/ui/button-styles";
import { useTRPC } from "~/trpc/react";
import { planFeatures } from "./pro-features";

const CARDS: Array<{ interval: BillingInterval; title: string; action: string }> = [
  { interval: "month", title: "Monthly", action: "Choose monthly" },
  { interval: "year", title: "Yearly", action: "Choose yearly" },
];

/** The two ways to pay for Pro; choosing one goes to Stripe Checkout. */
export function UpgradeOptions({ canceled }: { canceled: boolean }) {
  const trpc = useTRPC();
  const status = useQuery(trpc.billing.status.queryOptions());
  const plan = useQuery(trpc.billing.plan.queryOptions(undefined, { retry: retryUnlessFinal, refetchOnMount: "always" }));
  const checkout = useMutation(
    trpc.billing.checkout.mutationOptions({
      // Leaving for Stripe: keep the buttons disabled until the page unloads.
      onSuccess: ({ url }) => window.location.assign(url),
    }),
  );
  const busy = checkout.isPending || checkout.isSuccess;

  const notices = (
    <>
      {canceled && (
        <p role="status" className="rounded-lg border border-zinc-200 bg-zinc-50 p-3 text-sm text-zinc-700">
          Checkout was cancelled — you have not been charged.
        </p>
      )}
      {checkout.isError && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {errorMessageOf(checkout.error)}
        </p>
      )}
    </>
  );

  if (status.isPending || plan.isPending) {
    return <div role="status" aria-busy="true" aria-label="Loading plans" className="h-64 animate-pulse rounded-2xl bg-zinc-100 motion-reduce:animate-none" />;
  }
  if (status.isError || plan.isError) {
    return (
      <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        Could not load the plans: {errorMessageOf(status.error ?? plan.error)}
      </p>
    );
  }
  if (plan.data.tier === "pro") {
    return (
      <div className="space-y-4 rounded-2xl border border-indigo-200 bg-indigo-50 p-6">
        <h2 className="text-lg font-semibold text-zinc-900">You’re already on Pro</h2>
        <p className="text-sm text-zinc-700">Manage or cancel your subscription from your dashboard.</p>
        <Link href="/dashboard" className={buttonClass("primary")}>
          Go to your dashboard
        </Link>
      </div>
    );
  }
  if (!status.data.configured) {
    return (
      <div className="space-y-4">
        {notices}
        <p role="status" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
          Billing is not configured on this server, so Pro cannot be bought here. Your Free plan works as usual.
        </p>
      </div>
    );
  }

  const features = planFeatures(TIERS.pro);
  return (
    <div className="space-y-6">
      {notices}
      <ul className="grid gap-4 sm:grid-cols-2">
        {CARDS.map((card) => {
          const price = PRO_PRICES[card.interval];
          return (
            <li key={card.interval} className="flex flex-col rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm">
              <h2 className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">{card.title}</h2>
              <p className="mt-2 text-3xl font-semibold text-zinc-900">
                {price.label}
                <span className="text-base font-normal text-zinc-600"> / {price.per}</span>
              </p>
              <p className="mt-1 h-5 text-sm text-emerald-700">
                {card.interval === "year" ? `Save ${yearlySavingPercent()} % against monthly` : ""}
              </p>
              <button
                type="button"
                className={buttonClass("primary", "mt-6")}
                disabled={busy}
                onClick={() => checkout.mutate({ interval: card.interval })}
              >
                {busy && checkout.variables?.interval === card.interval ? "Opening checkout…" : card.action}
              </button>
            </li>
          );
        })}
      </ul>
      <section aria-labelledby="pro-features" className="rounded-2xl border border-zinc-200 bg-white p-6">
        <h2 id="pro-features" className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">
          Everything in Pro
        </h2>
        <ul className="mt-3 grid gap-2 text-sm text-zinc-800 sm:grid-cols-2">
          {features.map((f) => (
            <li key={f} className="flex gap-2">
              <span aria-hidden="true" className="text-indigo-600">✓</span>
              {f}
            </li>
          ))}
        </ul>
        <p className="mt-4 text-xs text-zinc-500">
          Payments are handled by Stripe. Cancel any time from your dashboard; Pro stays on until the end of the period
          you paid for.
        </p>
      </section>
    </div>
  );
}
