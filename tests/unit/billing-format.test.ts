import { describe, expect, it } from "vitest";
import { formatMoney } from "~/app/_components/billing/billing-format";

describe("formatMoney", () => {
  it("shows Stripe's cents as dollars", () => {
    expect(formatMoney(299, "usd", "en-US")).toBe("$2.99");
    expect(formatMoney(2999, "usd", "en-US")).toBe("$29.99");
    expect(formatMoney(0, "usd", "en-US")).toBe("$0.00");
  });

  it("does not divide currencies that have no minor unit", () => {
    expect(formatMoney(500, "jpy", "en-US")).toBe("¥500");
  });

  it("uses the currency's own decimals and symbol", () => {
    // Intl separates some symbols with a no-break space.
    const plain = (s: string) => s.replace(/\s/g, " ");
    expect(plain(formatMoney(1050, "eur", "de-DE"))).toBe("10,50 €");
    expect(plain(formatMoney(12345, "kwd", "en-US"))).toBe("KWD 12.345");
  });
});
