import { FORMAT_HELP, FORMAT_LABELS, OUTPUT_FORMATS } from "~/core/pick-params";
import type { OutputFormat, TierLimits } from "~/core/tiers";

/**
 * The delivery format. Only a tier with more than one format gets a choice (Pro: JPEG, PNG,
 * WebP); the others are told what they get and what Pro adds.
 */
export function FormatOptions({
  tier,
  value,
  onChange,
  errorId,
  invalid,
}: {
  tier: TierLimits;
  value: OutputFormat;
  onChange: (format: OutputFormat) => void;
  errorId: string;
  invalid: boolean;
}) {
  if (tier.formats.length <= 1) {
    const others = OUTPUT_FORMATS.filter((f) => !tier.formats.includes(f)).map((f) => FORMAT_LABELS[f]);
    return (
      <div>
        <p className="text-sm font-semibold text-zinc-900">Format</p>
        <p className="mt-1 text-sm text-zinc-600">
          {tier.formats.map((f) => FORMAT_LABELS[f]).join(", ")}
          {others.length > 0 ? ` — ${others.join(" and ")} with Pro` : ""}
        </p>
      </div>
    );
  }
  return (
    <fieldset aria-describedby={invalid ? errorId : undefined}>
      <legend className="text-sm font-semibold text-zinc-900">Format</legend>
      <div className="mt-3 grid gap-3 sm:grid-cols-3">
        {tier.formats.map((format) => (
          <label
            key={format}
            className="flex cursor-pointer flex-col rounded-xl border border-zinc-300 bg-white px-4 py-3 transition-colors hover:border-zinc-400 has-checked:border-indigo-600 has-checked:bg-indigo-50/60 has-checked:ring-1 has-checked:ring-indigo-600 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600"
          >
            <input
              type="radio"
              name="format"
              value={format}
              checked={value === format}
              onChange={() => onChange(format)}
              className="sr-only"
            />
            <span className="font-medium text-zinc-900">{FORMAT_LABELS[format]}</span>
            <span className="mt-0.5 text-sm text-zinc-600">{FORMAT_HELP[format]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
