import { describe, expect, it } from "vitest";
import { frameSignature, isNearDuplicate, selectDistinctFrames } from "../../../worker/picker/distinct";
import { constantImage, noiseImage, shifted } from "./images";

const W = 64;
const H = 36;

function sample(timestampSec: number, score: number, gray: Uint8Array) {
  return { timestampSec, score, signature: frameSignature(gray, W, H) };
}

describe("near-duplicate signatures", () => {
  it("match for the same picture with codec-like noise, differ for different pictures", () => {
    const picture = noiseImage(W, H, 1, 128, 60);
    const noisy = picture.map((v, i) => v + ((i * 13) % 5) - 2);
    expect(isNearDuplicate(frameSignature(picture, W, H), frameSignature(noisy, W, H))).toBe(true);
    expect(isNearDuplicate(frameSignature(picture, W, H), frameSignature(noiseImage(W, H, 2, 128, 60), W, H))).toBe(false);
    expect(isNearDuplicate(frameSignature(picture, W, H), frameSignature(shifted(picture, 20), W, H))).toBe(false);
  });
});

describe("selectDistinctFrames", () => {
  it("never returns the same picture twice, and fills with other pictures when they exist", () => {
    const slide = noiseImage(W, H, 1);
    const other = noiseImage(W, H, 2);
    const third = constantImage(W, H, 90);
    // The slide scores best everywhere it appears; plain interval selection would take it 3 times.
    const samples = [
      sample(0, 0.95, slide),
      sample(2, 0.94, slide),
      sample(4, 0.93, slide),
      sample(6, 0.5, other),
      sample(8, 0.4, third),
    ];
    const picks = selectDistinctFrames(samples, 3, 2);
    expect(picks.map((p) => p.timestampSec)).toEqual([0, 6, 8]);
  });

  it("returns fewer frames only when the video has fewer distinct pictures", () => {
    const still = constantImage(W, H, 100);
    const samples = Array.from({ length: 20 }, (_, i) => sample(i, 0.5 + i / 100, still));
    expect(selectDistinctFrames(samples, 3, 1)).toHaveLength(1);
  });

  it("behaves like plain selection when every picture differs", () => {
    const samples = Array.from({ length: 12 }, (_, i) => sample(i * 0.5, (i * 5) % 7, noiseImage(W, H, i + 1)));
    expect(selectDistinctFrames(samples, 4, 1.5)).toHaveLength(4);
  });
});
