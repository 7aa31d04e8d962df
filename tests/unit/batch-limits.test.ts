import { describe, expect, it } from "vitest";
import { batchAllowance, MAX_BATCH_VIDEOS } from "../../core/batch-limits";
import { TIERS } from "../../core/tiers";

describe("how many videos dropped at once can be taken", () => {
  it("is the plan's jobs at once while the period has room", () => {
    expect(batchAllowance(TIERS.pro, { used: 10, limit: 100 })).toEqual({ max: 5, reason: "The Pro plan runs 5 videos at once." });
    expect(batchAllowance(TIERS.free, { used: 0, limit: 3 })).toEqual({ max: 2, reason: "The Free plan runs 2 videos at once." });
  });

  it("is what is left of the period when that is less, and says so", () => {
    expect(batchAllowance(TIERS.pro, { used: 97, limit: 100 })).toEqual({ max: 3, reason: "3 videos left on the Pro plan this month." });
    expect(batchAllowance(TIERS.free, { used: 2, limit: 3 })).toEqual({ max: 1, reason: "1 video left on the Free plan this month." });
    expect(batchAllowance(TIERS.anonymous, { used: 1, limit: 1 })).toEqual({ max: 0, reason: "No videos are left on the Guest plan this day." });
  });

  it(`never more than ${MAX_BATCH_VIDEOS}, even for a plan that would run more`, () => {
    expect(batchAllowance({ ...TIERS.pro, maxOpenJobs: 50 }, { used: 0, limit: 100 })).toEqual({ max: MAX_BATCH_VIDEOS, reason: `Up to ${MAX_BATCH_VIDEOS} videos can be dropped at once.` });
  });
});
