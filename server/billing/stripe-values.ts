/** Small conversions of Stripe's field conventions. */

/** Stripe timestamps are Unix seconds; null/0 means "not set". */
export const fromUnix = (seconds: number | null | undefined): Date | null => (seconds ? new Date(seconds * 1000) : null);

/** A reference Stripe returns either as an id or, when expanded, as the object. */
export const idOf = (ref: string | { id: string } | null | undefined): string | null =>
  typeof ref === "string" ? ref : (ref?.id ?? null);
