import Link from "next/link";
import { PRO_PRICES } from "~/core/pro-prices";
import { FORMAT_LABELS } from "~/core/pick-params";
import { formatBytes, formatDuration, formatRetention, TIERS, type TierLimits, type TierName } from "~/core/tiers";
import { buttonClass } from "../ui/button-styles";

const ORDER: TierName[] = ["anonymous", "free", "pro"];

/** One row per limit, straight from the tier table the server enforces. */
export const PLAN_LIMIT_ROWS: Array<{ label: string; value: (t: TierLimits) => string }> = [
  { label: "Videos", value: (t) => `${t.videosPerPeriod} per ${t.period === "day" ? "day" : "month"}` },
  { label: "Frames per video", value: (t) => `up to ${t.maxFramesPerVideo}` },
  { label: "Upload size", value: (t) => formatBytes(t.maxUploadBytes) },
  { label: "Video length", value: (t) => formatDuration(t.maxDurationSec) },
  {
    label: "Output",
    value: (t) =>
      `${t.maxOutputLongSide ? `up to ${t.maxOutputLongSide} px` : "original resolution"}, ${t.watermark ? "small watermark" : "no watermark"}`,
  },
  { label: "Formats", value: (t) => t.formats.map((f) => FORMAT_LABELS[f]).join(", ") },
  { label: "Results kept", value: formatRetention },
  { label: "Queue", value: (t) => (t.priorityQueue ? "priority" : "standard") },
];

const PRICE: Record<TierName, string> = {
  anonymous: "Free, no account",
  free: "Free, with an account",
  pro: `${PRO_PRICES.month.label}/month or ${PRO_PRICES.year.label}/year`,
};

/** What each plan gets, with the visitor's own plan marked and the next step offered. */
export function PlansTable({ current }: { current: TierName }) {
  return (
    <section aria-labelledby="plans" className="space-y-4">
      <h2 id="plans" className="text-sm font-semibold tracking-wide text-zinc-500 uppercase">
        Plans
      </h2>
      <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <caption className="sr-only">What each plan includes</caption>
          <thead>
            <tr className="border-b border-zinc-200">
              <th scope="col" className="px-4 py-3 font-medium text-zinc-500">
                <span className="sr-only">Limit</span>
              </th>
              {ORDER.map((name) => (
                <th key={name} scope="col" className={`px-4 py-3 align-top ${name === current ? "bg-indigo-50" : ""}`}>
                  <span className="block font-semibold text-zinc-900">{TIERS[name].label}</span>
                  <span className="block text-xs font-normal text-zinc-600">{PRICE[name]}</span>
                  {name === current && (
                    <span className="mt-1 inline-block rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-medium text-white">
                      Your plan
                    </span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PLAN_LIMIT_ROWS.map((row) => (
              <tr key={row.label} className="border-b border-zinc-100 last:border-0">
                <th scope="row" className="px-4 py-2.5 font-medium text-zinc-700">
                  {row.label}
                </th>
                {ORDER.map((name) => (
                  <td key={name} className={`px-4 py-2.5 text-zinc-700 ${name === current ? "bg-indigo-50/60" : ""}`}>
                    {row.value(TIERS[name])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <NextStep current={current} />
    </section>
  );
}

function NextStep({ current }: { current: TierName }) {
  if (current === "anonymous") {
    return (
      <p className="flex flex-wrap items-center gap-3 text-sm text-zinc-600">
        <Link href="/sign-up" className={buttonClass("primary")}>
          Create a free account
        </Link>
        Your videos so far come with you.
      </p>
    );
  }
  if (current === "free") {
    return (
      <p>
        <Link href="/upgrade" className={buttonClass("primary")}>
          Upgrade to Pro
        </Link>
      </p>
    );
  }
  return null;
}
