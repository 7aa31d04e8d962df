"use client";

import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/**
 * False in the server render and until React has hydrated, then true. Forms stay disabled until
 * then: before hydration a submit is the browser's own, a GET that would put the password in the
 * URL, and text typed into controlled inputs would not reach React's state.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}
