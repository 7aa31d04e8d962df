"use client";

import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/** False in the server render and while React hydrates, then true (a re-render follows at once). */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}
