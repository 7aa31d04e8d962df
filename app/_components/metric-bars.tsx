import { formatPercent } from "./format";

const METRIC_ORDER = ["sharpness", "brightness", "contrast", "face", "motion", "composition"];
const METRIC_LABELS: Record<string, string> = {
  sharpness: "Sharpness",
  brightness: "Brightness",
  contrast: "Contrast",
  face: "Face",
  motion: "Motion",
  composition: "Composition",
};

function labelOf(key: string): string {
  return METRIC_LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());
}

function rankOf(key: string): number {
  const i = METRIC_ORDER.indexOf(key);
  return i < 0 ? METRIC_ORDER.length : i;
}

/** Why a frame won: each metric's score as a labelled bar. */
export function MetricBars({ metrics }: { metrics: Record<string, number> }) {
  const entries = Object.entries(metrics)
    .filter(([, v]) => Number.isFinite(v))
    .sort(([a], [b]) => rankOf(a) - rankOf(b) || a.localeCompare(b));
  if (entries.length === 0) return null;
  return (
    <dl className="space-y-1.5">
      {entries.map(([key, value]) => (
        <div key={key} className="grid grid-cols-[6.5rem_1fr_2.75rem] items-center gap-2 text-xs">
          <dt className="text-zinc-600">{labelOf(key)}</dt>
          <dd aria-hidden="true" className="h-1.5 overflow-hidden rounded-full bg-zinc-200">
            <div className="h-full rounded-full bg-indigo-500" style={{ width: `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%` }} />
          </dd>
          <dd className="text-right tabular-nums text-zinc-800">{formatPercent(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
