import { describe, expect, it } from "vitest";
import { isNearDuplicate, selectDistinctFrames } from "../../../worker/picker/distinct";
import { perceptualHash } from "../../../worker/picker/perceptual-hash";
import { boxBlur, noiseImage, panorama, shifted } from "./images";

const W = 96;
const H = 54;
const picture = (seed: number) => boxBlur(noiseImage(W, H, seed, 128, 110), W, H, 3);

function sample(timestampSec: number, score: number, gray: Uint8Array) {
  return { timestampSec, score, hash: perceptualHash(gray, W, H) };
}

describe("isNearDuplicate", () => {
  it("matches the same picture with noise or a slight drift, not a different picture", () => {
    const shot = picture(1);
    const noisy = shot.map((v, i) => Math.min(255, Math.max(0, v + ((i * 13) % 5) - 2)));
    expect(isNearDuplicate(perceptualHash(shot, W, H), perceptualHash(noisy, W, H))).toBe(true);
    expect(isNearDuplicate(perceptualHash(shot, W, H), perceptualHash(shifted(shot, 1), W, H))).toBe(true);
    expect(isNearDuplicate(perceptualHash(shot, W, H), perceptualHash(picture(2), W, H))).toBe(false);
  });
});

describe("selectDistinctFrames", () => {
  it("never returns the same picture twice, and fills with other pictures when they exist", () => {
    const slide = picture(1);
    // The slide scores best everywhere it appears; plain interval selection would take it 3 times.
    const samples = [sample(0, 0.95, slide), sample(2, 0.94, slide), sample(4, 0.93, slide), sample(6, 0.5, picture(2)), sample(8, 0.4, picture(3))];
    const picks = selectDistinctFrames(samples, 3, 2);
    expect(picks.map((p) => p.timestampSec)).toEqual([0, 6, 8]);
  });

  it("returns fewer frames only when the video has fewer distinct pictures", () => {
    const still = picture(4);
    const samples = Array.from({ length: 20 }, (_, i) => sample(i, 0.5 + i / 100, still));
    expect(selectDistinctFrames(samples, 3, 1)).toHaveLength(1);
  });

  it("fills the request with a slowly changing picture rather than return fewer frames", () => {
    // A slow pan: each moment resembles the last (similar hashes) but none is the same picture.
    const view = panorama(W, H, 40);
    const samples = Array.from({ length: 10 }, (_, i) => sample(i, 0.5 + (i % 3) / 10, view(i * 2)));
    const picks = selectDistinctFrames(samples, 5, 1);
    expect(picks).toHaveLength(5);
    expect(new Set(picks.map((p) => p.timestampSec)).size).toBe(5);
  });

  it("behaves like plain selection when every picture differs", () => {
    const samples = Array.from({ length: 12 }, (_, i) => sample(i * 0.5, (i * 5) % 7, picture(i + 10)));
    expect(selectDistinctFrames(samples, 4, 1.5)).toHaveLength(4);
  });
});
