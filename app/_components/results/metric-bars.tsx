import { metricLabel, metricRank, pickReasons } from "~/core/pick-reasons";
import { formatPercent } from "../ui/format";

/** Why a frame won, in words: "sharp · well exposed · a clear face". */
export function PickReasons({ metrics }: { metrics: Record<string, number> }) {
  const reasons = pickReasons(metrics);
  if (reasons.length === 0) return null;
  return (
    <p className="text-sm text-zinc-700">
      <span className="sr-only">Why it was picked: </span>
      {reasons.join(" · ")}
    </p>
  );
}

/** Each score behind it as a labelled bar. */
export function MetricBars({ metrics }: { metrics: Record<string, number> }) {
  const entries = Object.entries(metrics)
    .filter(([, v]) => Number.isFinite(v))
    .sort(([a], [b]) => metricRank(a) - metricRank(b) || a.localeCompare(b));
  if (entries.length === 0) return null;
  return (
    <dl className="space-y-1.5">
      {entries.map(([key, value]) => (
        <div key={key} className="grid grid-cols-[6.5rem_1fr_2.75rem] items-center gap-2 text-xs">
          <dt className="text-zinc-600">{metricLabel(key)}</dt>
          <dd aria-hidden="true" className="h-1.5 overflow-hidden rounded-full bg-zinc-200">
            <div className="h-full rounded-full bg-indigo-500" style={{ width: `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%` }} />
          </dd>
          <dd className="text-right tabular-nums text-zinc-800">{formatPercent(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
