import { describe, expect, it } from "vitest";
import { QUALITY_PRESETS, analysisSize, denseRate, windowLength } from "../../../worker/picker/presets";

describe("analysisSize", () => {
  it("halves until the long side fits, keeping codec blocks on whole pixels", () => {
    expect(analysisSize(1920, 1080, 480)).toEqual({ width: 480, height: 270, blockPeriod: 2 });
    expect(analysisSize(1280, 720, 480)).toEqual({ width: 320, height: 180, blockPeriod: 2 });
    expect(analysisSize(1080, 1920, 480)).toEqual({ width: 270, height: 480, blockPeriod: 2 });
    expect(analysisSize(640, 360, 480)).toEqual({ width: 320, height: 180, blockPeriod: 4 });
  });

  it("never enlarges, and gives up on block alignment when sizes do not divide", () => {
    expect(analysisSize(320, 240, 480)).toEqual({ width: 320, height: 240, blockPeriod: null });
    expect(analysisSize(1366, 768, 480).blockPeriod).toBeNull();
    expect(analysisSize(7680, 4320, 480)).toMatchObject({ width: 480, height: 270, blockPeriod: null });
  });
});

describe("quality presets", () => {
  it("look deeper as quality rises (depth of analysis, not a threshold)", () => {
    expect(QUALITY_PRESETS.fast.scan).toBe("keyframes");
    expect(QUALITY_PRESETS.fast.windowsPerPick + QUALITY_PRESETS.fast.extraWindows).toBe(0);
    expect(QUALITY_PRESETS.balanced.scan).toBe("keyframes");
    expect(QUALITY_PRESETS.balanced.windowsPerPick + QUALITY_PRESETS.balanced.extraWindows).toBeGreaterThan(0);
    expect(QUALITY_PRESETS.best.scan).toBe("dense");
    expect(QUALITY_PRESETS.best.maxFaceChecks).toBeGreaterThan(QUALITY_PRESETS.balanced.maxFaceChecks);
    expect(QUALITY_PRESETS.balanced.maxFaceChecks).toBeGreaterThan(QUALITY_PRESETS.fast.maxFaceChecks);
  });

  it("slow dense scans of long videos down so the sample count stays capped", () => {
    const best = QUALITY_PRESETS.best;
    expect(denseRate(best, 60)).toBe(best.denseRate);
    expect(denseRate(best, 3600) * 3600).toBeCloseTo(best.maxDenseSamples, 6);
  });
});

describe("windowLength", () => {
  it("grows with sparse keyframes, within its bounds", () => {
    const balanced = QUALITY_PRESETS.balanced;
    expect(windowLength(balanced, 1)).toBe(balanced.windowSec);
    expect(windowLength(balanced, 5)).toBeCloseTo(2, 6);
    expect(windowLength(balanced, 60)).toBe(balanced.maxWindowSec);
  });
});
