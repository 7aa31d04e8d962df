/** Display formats for billing: Stripe amounts and the dates of a subscription. */

/**
 * Stripe amounts are in the currency's smallest unit: cents for USD, whole yen for JPY. The
 * currency's own number of decimals (from Intl) says how far to shift.
 */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** decimals);
}

const day = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });

/** "12 Dec 2026" (in the visitor's locale). */
export function formatDay(date: Date): string {
  return day.format(date);
}
