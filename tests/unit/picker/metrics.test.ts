import { describe, expect, it } from "vitest";
import { centreStd, meanAbsDiff, meanBrightness, stdDev, toneMatchedDiff } from "../../../worker/picker/metrics";
import { boxBlur, constantImage, noiseImage, paste, shifted } from "./images";

const W = 96;
const H = 54;

describe("brightness and contrast", () => {
  it("mean brightness is the average gray level", () => {
    expect(meanBrightness(constantImage(W, H, 37))).toBe(37);
    expect(meanBrightness(shifted(noiseImage(W, H, 3, 128, 20), -100))).toBeCloseTo(28, 0);
  });

  it("std is 0 for flat, 127.5 for half black / half white", () => {
    expect(stdDev(constantImage(W, H, 200), W, H)).toBe(0);
    const halves = constantImage(W, H, 0).map((_, i) => (i % W < W / 2 ? 0 : 255));
    expect(stdDev(halves, W, H)).toBeCloseTo(127.5, 5);
  });
});

describe("composition", () => {
  it("centre std sees detail in the middle ninth and ignores it at the edges", () => {
    const texture = noiseImage(W / 3, H / 3, 11);
    const centred = paste(constantImage(W, H, 128), W, texture, W / 3, H / 3, W / 3, H / 3);
    const cornered = paste(constantImage(W, H, 128), W, texture, W / 3, H / 3, 0, 0);
    expect(centreStd(centred, W, H)).toBeGreaterThan(40);
    expect(centreStd(cornered, W, H)).toBe(0);
  });
});

describe("motion (mean absolute difference)", () => {
  it("is 0 for the same frame and grows with the change", () => {
    const a = noiseImage(W, H, 1);
    expect(meanAbsDiff(a, a.slice())).toBe(0);
    expect(meanAbsDiff(constantImage(W, H, 10), constantImage(W, H, 30))).toBe(20);
    expect(meanAbsDiff(a, noiseImage(W, H, 2))).toBeGreaterThan(meanAbsDiff(a, boxBlur(a, W, H, 1)));
  });

  it("refuses frames of different sizes", () => {
    expect(() => meanAbsDiff(new Uint8Array(4), new Uint8Array(5))).toThrow(/sizes differ/);
  });
});

describe("change with tones matched", () => {
  const a = boxBlur(noiseImage(W, H, 4, 128, 120), W, H, 2);

  it("sees through a change of light but not through a change of picture", () => {
    const faded = a.map((v) => Math.round(v * 0.55));
    const washedOut = a.map((v) => Math.round(v * 0.6 + 90));
    expect(meanAbsDiff(a, faded)).toBeGreaterThan(40);
    // What is left is rounding to whole gray levels.
    expect(toneMatchedDiff(a, faded)).toBeLessThan(1);
    expect(toneMatchedDiff(a, washedOut)).toBeLessThan(1);
    const other = boxBlur(noiseImage(W, H, 5, 128, 120), W, H, 2);
    expect(toneMatchedDiff(a, other)).toBeGreaterThan(10 * toneMatchedDiff(a, faded));
  });

  it("only shifts the level of a flat frame, whose contrast means nothing", () => {
    expect(toneMatchedDiff(constantImage(W, H, 40), constantImage(W, H, 90))).toBe(0);
    // Against a flat frame, a textured one keeps its detail: no gain blows noise up or flattens it away.
    expect(toneMatchedDiff(constantImage(W, H, 128), a)).toBeCloseTo(meanAbsDiff(constantImage(W, H, Math.round(meanBrightness(a))), a), 0);
  });

  it("refuses frames of different sizes", () => {
    expect(() => toneMatchedDiff(new Uint8Array(4), new Uint8Array(5))).toThrow(/sizes differ/);
  });
});
