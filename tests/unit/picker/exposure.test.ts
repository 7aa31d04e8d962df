import { describe, expect, it } from "vitest";
import { toneStats } from "../../../worker/picker/exposure";

describe("toneStats", () => {
  it("reports mean, the 2nd/98th percentiles and clipped shares", () => {
    // 100 pixels: 10 black, 80 spread over 50..129, 10 white.
    const gray = new Uint8Array([...Array(10).fill(0), ...Array.from({ length: 80 }, (_, i) => 50 + i), ...Array(10).fill(255)]);
    const stats = toneStats(gray);
    expect(stats.darkClip).toBeCloseTo(0.1, 10);
    expect(stats.brightClip).toBeCloseTo(0.1, 10);
    expect(stats.low).toBe(0);
    expect(stats.high).toBe(255);
    expect(stats.mean).toBeCloseTo((80 * 89.5 + 10 * 255) / 100, 6);
  });

  it("ignores a few stray pixels when measuring the range", () => {
    const gray = new Uint8Array(1000).fill(120);
    gray[0] = 0;
    gray[1] = 255;
    const stats = toneStats(gray);
    expect([stats.low, stats.high]).toEqual([120, 120]);
  });
});
