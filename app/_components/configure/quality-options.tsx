import { PICK_QUALITIES, QUALITY_HELP, type PickQuality } from "~/core/pick-params";

const QUALITY_TITLES: Record<PickQuality, string> = { fast: "Fast", balanced: "Balanced", best: "Best" };

export function QualityOptions({
  value,
  onChange,
  errorId,
  invalid,
}: {
  value: PickQuality;
  onChange: (quality: PickQuality) => void;
  errorId: string;
  invalid: boolean;
}) {
  return (
    <fieldset aria-describedby={invalid ? errorId : undefined}>
      <legend className="text-sm font-semibold text-zinc-900">Quality</legend>
      <div className="mt-3 grid gap-3 sm:grid-cols-3">
        {PICK_QUALITIES.map((quality) => (
          <label
            key={quality}
            className="flex cursor-pointer flex-col rounded-xl border border-zinc-300 bg-white px-4 py-3 transition-colors hover:border-zinc-400 has-checked:border-indigo-600 has-checked:bg-indigo-50/60 has-checked:ring-1 has-checked:ring-indigo-600 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600"
          >
            <input
              type="radio"
              name="quality"
              value={quality}
              checked={value === quality}
              onChange={() => onChange(quality)}
              className="sr-only"
            />
            <span className="font-medium text-zinc-900">{QUALITY_TITLES[quality]}</span>
            <span className="mt-0.5 text-sm text-zinc-600">{QUALITY_HELP[quality]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
