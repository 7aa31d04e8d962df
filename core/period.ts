/**
 * Quota periods: the UTC day for anonymous visitors, the UTC calendar month for
 * accounts. Everyone's allowance resets at the same instant, whatever their time zone.
 */
export type QuotaPeriod = "day" | "month";

/** When the period that contains `now` began. */
export function periodStart(period: QuotaPeriod, now: Date): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  return period === "day" ? new Date(Date.UTC(y, m, now.getUTCDate())) : new Date(Date.UTC(y, m, 1));
}

/** When the period that contains `now` ends, i.e. when the allowance resets. */
export function periodEnd(period: QuotaPeriod, now: Date): Date {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  // Date.UTC rolls day 32 / month 12 over into the next month / year.
  return period === "day" ? new Date(Date.UTC(y, m, now.getUTCDate() + 1)) : new Date(Date.UTC(y, m + 1, 1));
}

const DAY_MONTH = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** "1 Dec": the reset day as users read it (the UTC date, as the period is UTC). */
export function formatResetDay(date: Date): string {
  return DAY_MONTH.format(date);
}
