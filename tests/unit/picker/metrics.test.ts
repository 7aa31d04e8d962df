import { describe, expect, it } from "vitest";
import { cannyEdgeDensity } from "../../../worker/picker/edges";
import { centreStd, laplacianVariance, meanAbsDiff, meanBrightness, quadrantSpread, stdDev } from "../../../worker/picker/metrics";
import { boxBlur, constantImage, noiseImage, paste, shifted } from "./images";

const W = 96;
const H = 54;

describe("sharpness (Laplacian variance)", () => {
  it("drops when the same image is blurred, and more with more blur", () => {
    const sharp = noiseImage(W, H, 7);
    const soft = boxBlur(sharp, W, H, 1);
    const softer = boxBlur(sharp, W, H, 3);
    expect(laplacianVariance(soft, W, H)).toBeLessThan(laplacianVariance(sharp, W, H) / 4);
    expect(laplacianVariance(softer, W, H)).toBeLessThan(laplacianVariance(soft, W, H));
  });

  it("is zero for a flat image", () => {
    expect(laplacianVariance(constantImage(W, H, 90), W, H)).toBe(0);
  });
});

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

  it("quadrant spread counts the quadrants with texture", () => {
    const quarter = noiseImage(W / 2, H / 2, 5);
    expect(quadrantSpread(constantImage(W, H, 128), W, H)).toBe(0);
    expect(quadrantSpread(paste(constantImage(W, H, 128), W, quarter, W / 2, H / 2, W / 2, 0), W, H)).toBe(0.25);
    expect(quadrantSpread(noiseImage(W, H, 9), W, H)).toBe(1);
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

describe("Canny edge density", () => {
  /** A vertical step at x = W/2; the lower half of the step has `lowerContrast`. */
  const step = (upperContrast: number, lowerContrast: number) =>
    constantImage(W, H, 0).map((_, i) => {
      const x = i % W;
      const y = Math.floor(i / W);
      return 100 + (x >= W / 2 ? (y < H / 2 ? upperContrast : lowerContrast) : 0);
    });

  it("is 0 on a flat image and finds a one-pixel-wide line on a sharp step", () => {
    expect(cannyEdgeDensity(constantImage(W, H, 128), W, H)).toBe(0);
    const density = cannyEdgeDensity(step(60, 60), W, H);
    // One edge column over the interior rows.
    expect(density * W * H).toBeGreaterThanOrEqual(H - 2);
    expect(density * W * H).toBeLessThanOrEqual(H);
  });

  it("keeps weak edges only where they connect to strong ones (hysteresis)", () => {
    // Sobel L1 magnitude of a step of c levels is 4c: 30 → 120 (weak), 40 → 160 (strong).
    expect(cannyEdgeDensity(step(30, 30), W, H)).toBe(0);
    // Upper half strong, lower half weak but on the same line: the whole column survives.
    const edgePixels = cannyEdgeDensity(step(40, 30), W, H) * W * H;
    expect(edgePixels).toBeGreaterThanOrEqual(H - 2);
    expect(edgePixels).toBeLessThanOrEqual(H);
  });

  it("rates a textured frame far above a blurred copy", () => {
    const busy = noiseImage(W, H, 4);
    expect(cannyEdgeDensity(busy, W, H)).toBeGreaterThan(3 * cannyEdgeDensity(boxBlur(busy, W, H, 3), W, H));
  });
});
