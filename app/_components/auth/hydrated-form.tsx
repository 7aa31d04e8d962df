"use client";

import type { FormEvent, ReactNode } from "react";
import { useHydrated } from "../ui/use-hydrated";

/**
 * A form whose fields and buttons stay disabled until React has hydrated: before that a submit
 * would be the browser's own GET, with the password in the URL, and typed text would not reach
 * React's state.
 */
export function HydratedForm({ onSubmit, children }: { onSubmit: (e: FormEvent) => void; children: ReactNode }) {
  const hydrated = useHydrated();
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={!hydrated} className="min-w-0 space-y-5">
        {children}
      </fieldset>
    </form>
  );
}
