import { describe, expect, it } from "vitest";
import { noiseSigma } from "../../../worker/picker/noise";
import { boxBlur, constantImage, noiseImage } from "./images";

const W = 240;
const H = 135;
/** A smooth gradient scene: what a clean, well-lit frame looks like after downscaling. */
const scene = Uint8Array.from({ length: W * H }, (_, i) => 40 + Math.round((150 * (i % W)) / W + (40 * Math.floor(i / W)) / H));
/** Gaussian noise of std `sigma` (Box–Muller over a seeded generator), added to an image and clamped. */
function withNoise(image: Uint8Array, sigma: number, seed: number): Uint8Array {
  let state = seed;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 1) / 4294967297;
  };
  return image.map((v) => Math.min(255, Math.max(0, Math.round(v + sigma * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())))));
}

describe("noiseSigma", () => {
  it("reads a clean frame as nearly noiseless, and grows with the noise added to it", () => {
    expect(noiseSigma(scene, W, H)).toBeLessThan(0.5);
    const light = noiseSigma(withNoise(scene, 3, 1), W, H);
    const heavy = noiseSigma(withNoise(scene, 10, 4), W, H);
    expect(light).toBeGreaterThan(2);
    expect(light).toBeLessThan(4.5);
    expect(heavy).toBeGreaterThan(7.5);
    expect(heavy).toBeLessThan(13);
  });

  it("does not take texture in part of the frame for noise", () => {
    // The left third is busy texture, the rest clean: noise is everywhere, texture is not.
    const texture = boxBlur(noiseImage(W, H, 7, 128, 100), W, H, 1);
    const mixed = scene.map((v, i) => (i % W < W / 3 ? texture[i]! : v));
    expect(noiseSigma(mixed, W, H)).toBeLessThan(1);
    expect(noiseSigma(withNoise(mixed, 8, 9), W, H)).toBeGreaterThan(6);
  });

  it("is zero for a flat frame and for frames too small to tile", () => {
    expect(noiseSigma(constantImage(W, H, 90), W, H)).toBe(0);
    expect(noiseSigma(noiseImage(10, 10, 1), 10, 10)).toBe(0);
  });
});
