/**
 * What Pro costs, for display. Checkout charges the Stripe prices named by
 * STRIPE_PRICE_MONTHLY / STRIPE_PRICE_YEARLY, which must be set up with these amounts.
 */
export const PRO_PRICES = {
  month: { cents: 299, label: "$2.99", per: "month" },
  year: { cents: 2999, label: "$29.99", per: "year" },
} as const;

export type BillingInterval = keyof typeof PRO_PRICES;

/** Yearly against twelve monthly payments, as a whole percentage: 16. */
export function yearlySavingPercent(): number {
  return Math.round((1 - PRO_PRICES.year.cents / (PRO_PRICES.month.cents * 12)) * 100);
}
