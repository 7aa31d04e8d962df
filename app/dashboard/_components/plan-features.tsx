"use client";

import { PLAN_LIMIT_ROWS } from "~/app/_components/billing/plans-table";
import { UsageMeter } from "~/app/_components/billing/usage-meter";
import { useViewerTier } from "~/app/_components/billing/use-viewer-tier";

/** Usage against the allowance, then what the current plan includes, item by item. */
export function UsageAndLimits() {
  const { tier, loaded } = useViewerTier();
  return (
    <section aria-labelledby="usage-heading" className="rounded-2xl border border-zinc-200 bg-white p-6">
      <h2 id="usage-heading" className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase">
        Usage
      </h2>
      <UsageMeter />
      <h3 className="mt-6 text-sm font-medium text-zinc-900">{loaded ? `${tier.label} plan includes` : "Your plan includes"}</h3>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {PLAN_LIMIT_ROWS.map((row) => (
          <div key={row.label} className="contents">
            <dt className="text-zinc-500">{row.label}</dt>
            <dd className="text-zinc-800">{loaded ? row.value(tier) : "…"}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
