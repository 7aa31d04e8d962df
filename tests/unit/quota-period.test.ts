import { describe, expect, it } from "vitest";
import { UserError } from "~/core/errors";
import { formatResetDay, periodEnd, periodStart } from "~/core/period";
import { assertQuotaLeft, quotaUsedUpMessage, type Usage } from "~/core/quota";
import { TIERS } from "~/core/tiers";

const at = (iso: string) => new Date(iso);

describe("quota periods are UTC days and UTC calendar months", () => {
  it("a day runs from 00:00 UTC to the next 00:00 UTC", () => {
    const now = at("2025-03-09T23:59:59.999Z");
    expect(periodStart("day", now).toISOString()).toBe("2025-03-09T00:00:00.000Z");
    expect(periodEnd("day", now).toISOString()).toBe("2025-03-10T00:00:00.000Z");
    expect(periodStart("day", at("2025-03-10T00:00:00.000Z")).toISOString()).toBe("2025-03-10T00:00:00.000Z");
  });

  it("a month runs from the 1st to the 1st, across year ends and leap days", () => {
    expect(periodStart("month", at("2025-12-31T23:00:00Z")).toISOString()).toBe("2025-12-01T00:00:00.000Z");
    expect(periodEnd("month", at("2025-12-31T23:00:00Z")).toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(periodEnd("day", at("2024-02-28T12:00:00Z")).toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(periodEnd("month", at("2024-02-29T12:00:00Z")).toISOString()).toBe("2024-03-01T00:00:00.000Z");
  });

  it("the reset day reads as the UTC date, whatever the machine's zone", () => {
    expect(formatResetDay(at("2025-12-01T00:00:00Z"))).toBe("1 Dec");
  });
});

describe("the message when the allowance is used up", () => {
  const now = at("2025-11-14T19:30:00Z");
  const usage = (used: number, tier: keyof typeof TIERS): Usage => ({
    used,
    limit: TIERS[tier].videosPerPeriod,
    period: TIERS[tier].period,
    resetsAt: periodEnd(TIERS[tier].period, now),
  });

  it("names the limit, the reset and what lifts it, per tier", () => {
    expect(quotaUsedUpMessage(TIERS.free, usage(3, "free"), now)).toBe(
      "You have processed 3 of 3 videos this month on the Free plan. Your allowance resets on 1 Dec. Upgrade to Pro for 100 a month.",
    );
    expect(quotaUsedUpMessage(TIERS.anonymous, usage(1, "anonymous"), now)).toBe(
      "You have processed 1 of 1 video today as a guest. Your allowance resets at midnight UTC, in 5 h. Create a free account for 3 a month.",
    );
    expect(quotaUsedUpMessage(TIERS.pro, usage(100, "pro"), now)).toBe(
      "You have processed 100 of 100 videos this month on the Pro plan. Your allowance resets on 1 Dec.",
    );
  });

  it("stays true when usage is above the limit (a guest's videos carried into a Free account)", () => {
    expect(quotaUsedUpMessage(TIERS.free, usage(4, "free"), now)).toMatch(
      /^You have processed 4 videos this month; the Free plan allows 3\. /,
    );
  });

  it("refuses with TOO_MANY_REQUESTS only once the limit is reached", () => {
    expect(() => assertQuotaLeft(TIERS.free, usage(2, "free"), now)).not.toThrow();
    const err = (() => {
      try {
        assertQuotaLeft(TIERS.free, usage(3, "free"), now);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe("TOO_MANY_REQUESTS");
  });
});
