import { useEffect, useRef } from "react";

/**
 * Moves focus to the element when a step of the flow appears, so keyboard and screen-reader
 * users land on the new step's heading instead of on a button that no longer exists.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return ref;
}
