import { describe, expect, it } from "vitest";
// The original algorithm's measurements, which the benchmark's baseline picker uses (bench/pickers/).
import { laplacianVariance, quadrantSpread } from "../../bench/pickers/baseline-metrics";
import { cannyEdgeDensity } from "../../bench/pickers/canny";
import { boxBlur, constantImage, noiseImage, paste } from "./picker/images";

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

describe("quadrant spread", () => {
  it("quadrant spread counts the quadrants with texture", () => {
    const quarter = noiseImage(W / 2, H / 2, 5);
    expect(quadrantSpread(constantImage(W, H, 128), W, H)).toBe(0);
    expect(quadrantSpread(paste(constantImage(W, H, 128), W, quarter, W / 2, H / 2, W / 2, 0), W, H)).toBe(0.25);
    expect(quadrantSpread(noiseImage(W, H, 9), W, H)).toBe(1);
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
