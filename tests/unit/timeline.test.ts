import { describe, expect, it } from "vitest";
import { downsampleTimeline, MAX_TIMELINE_POINTS, scoreNear } from "../../core/timeline";

describe("the score timeline kept with a job", () => {
  it("keeps a short scan as it is, in time order, rounded", () => {
    expect(downsampleTimeline([{ t: 2.00049, score: 0.12345 }, { t: 1, score: 0.5 }], 4)).toEqual([
      { t: 1, score: 0.5 },
      { t: 2, score: 0.123 },
    ]);
  });

  it(`keeps at most ${MAX_TIMELINE_POINTS} points of a long scan, the best of each stretch, so no peak is lost`, () => {
    const points = Array.from({ length: 7200 }, (_, i) => ({ t: i / 4, score: 0.3 + 0.1 * Math.sin(i) }));
    points[4321] = { t: 4321 / 4, score: 0.99 };
    const kept = downsampleTimeline(points, 1800);
    expect(kept.length).toBeLessThanOrEqual(MAX_TIMELINE_POINTS);
    expect(kept.length).toBeGreaterThan(MAX_TIMELINE_POINTS - 5);
    expect(kept).toContainEqual({ t: 1080.25, score: 0.99 });
    for (let i = 1; i < kept.length; i++) expect(kept[i]!.t).toBeGreaterThan(kept[i - 1]!.t);
  });
});

describe("the score of a moment on the timeline", () => {
  it("is the nearest analysed moment's, or none when nothing was analysed", () => {
    const points = [
      { t: 1, score: 0.2 },
      { t: 2, score: 0.8 },
    ];
    expect([0, 1.4, 1.6, 9].map((t) => scoreNear(points, t))).toEqual([0.2, 0.2, 0.8, 0.8]);
    expect(scoreNear([], 1)).toBeNull();
    expect(scoreNear(null, 1)).toBeNull();
  });
});
