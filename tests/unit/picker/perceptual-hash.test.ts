import { describe, expect, it } from "vitest";
import { hashDistance, perceptualHash } from "../../../worker/picker/perceptual-hash";
import { boxBlur, noiseImage, shifted } from "./images";

const W = 160;
const H = 90;
const picture = boxBlur(noiseImage(W, H, 11, 128, 110), W, H, 4);
const hash = (gray: Uint8Array) => perceptualHash(gray, W, H);

describe("perceptualHash", () => {
  it("barely changes with noise, brightness or a small drift", () => {
    const noisy = picture.map((v, i) => Math.min(255, Math.max(0, v + ((i * 7919) % 9) - 4)));
    const brighter = picture.map((v) => Math.min(255, v + 20));
    expect(hashDistance(hash(picture), hash(noisy))).toBeLessThanOrEqual(4);
    expect(hashDistance(hash(picture), hash(brighter))).toBeLessThanOrEqual(4);
    expect(hashDistance(hash(picture), hash(shifted(picture, 2)))).toBeLessThanOrEqual(10);
  });

  it("changes about half its bits for a different picture", () => {
    const other = boxBlur(noiseImage(W, H, 12, 128, 110), W, H, 4);
    expect(hashDistance(hash(picture), hash(other))).toBeGreaterThan(20);
    expect(hashDistance(hash(picture), hash(picture))).toBe(0);
  });
});
