import { MODE_HELP, PICK_MODES, type PickMode } from "~/core/pick-params";

const MODE_TITLES: Record<PickMode, string> = { profile: "Profile picture", action: "Action shot" };

/** Two radio cards; the real radio inputs keep arrow-key navigation and form semantics. */
export function ModeOptions({
  value,
  onChange,
  errorId,
  invalid,
}: {
  value: PickMode;
  onChange: (mode: PickMode) => void;
  errorId: string;
  invalid: boolean;
}) {
  return (
    <fieldset aria-describedby={invalid ? errorId : undefined}>
      <legend className="text-sm font-semibold text-zinc-900">What are you looking for?</legend>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        {PICK_MODES.map((mode) => (
          <label
            key={mode}
            className="relative flex cursor-pointer flex-col rounded-xl border border-zinc-300 bg-white p-4 transition-colors hover:border-zinc-400 has-checked:border-indigo-600 has-checked:bg-indigo-50/60 has-checked:ring-1 has-checked:ring-indigo-600 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-600"
          >
            <input
              type="radio"
              name="mode"
              value={mode}
              checked={value === mode}
              onChange={() => onChange(mode)}
              className="sr-only"
            />
            <span className="flex items-center gap-2 font-medium text-zinc-900">
              {mode === "profile" ? <ProfileIcon /> : <ActionIcon />}
              {MODE_TITLES[mode]}
            </span>
            <span className="mt-1 text-sm text-zinc-600">{MODE_HELP[mode]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function ProfileIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5 text-indigo-600" fill="none" stroke="currentColor" strokeWidth="1.6">
      <circle cx="12" cy="9" r="3.5" />
      <path d="M5 19.5c1.2-3 3.8-4.5 7-4.5s5.8 1.5 7 4.5" strokeLinecap="round" />
    </svg>
  );
}

function ActionIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5 text-indigo-600" fill="none" stroke="currentColor" strokeWidth="1.6">
      <path d="M13 3 5 13.5h6L10 21l8-10.5h-6L13 3Z" strokeLinejoin="round" />
    </svg>
  );
}
