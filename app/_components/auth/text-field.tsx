"use client";

import { useId, useState, type InputHTMLAttributes } from "react";
import { FieldError } from "../ui/field-error";

const inputClass =
  "block h-11 w-full rounded-lg border border-zinc-300 bg-white px-3 text-base text-zinc-900 shadow-sm placeholder:text-zinc-400 " +
  "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 aria-invalid:border-red-500";

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "type" | "className" | "value" | "onChange">;

/** A labelled input with an optional hint and its field errors, wired for assistive tech. */
export function TextField({
  label,
  hint,
  errors,
  value,
  onChange,
  type = "text",
  ...rest
}: {
  label: string;
  hint?: string;
  errors: string[] | undefined;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "email" | "password";
} & InputProps) {
  const id = useId();
  const [revealed, setRevealed] = useState(false);
  const invalid = Boolean(errors && errors.length > 0);
  const describedBy = [hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(" ");
  const isPassword = type === "password";
  return (
    <div>
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={id} className="text-sm font-semibold text-zinc-900">
          {label}
        </label>
        {isPassword ? (
          // Visible text only (no aria-label), so the field's label stays the one thing called "Password".
          <button
            type="button"
            onClick={() => setRevealed((r) => !r)}
            aria-controls={id}
            aria-pressed={revealed}
            className="rounded-sm text-xs font-medium text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            {revealed ? "Hide" : "Show"}
          </button>
        ) : null}
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-zinc-600">
          {hint}
        </p>
      ) : null}
      <input
        {...rest}
        id={id}
        type={isPassword && revealed ? "text" : type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={`mt-2 ${inputClass}`}
      />
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}
