import { describe, expect, it } from "vitest";
import type { Defect } from "~/core/shortfall";
import { isNearDuplicate } from "../../../worker/picker/distinct";
import { selectFitFrames } from "../../../worker/picker/fit-selection";
import { perceptualHash } from "../../../worker/picker/perceptual-hash";
import { boxBlur, noiseImage, panorama } from "./images";

const W = 96;
const H = 54;
const picture = (seed: number) => boxBlur(noiseImage(W, H, seed, 128, 110), W, H, 3);

function sample(timestampSec: number, score: number, seed: number, defect: Defect | null = null) {
  return { timestampSec, score, defect, hash: perceptualHash(picture(seed), W, H) };
}

describe("selectFitFrames", () => {
  it("takes a second moment of a good shot over a better-scored degraded moment", () => {
    // A slow pan: its second moment looks like its first; the grainy moment is a different picture with a higher score.
    const pan = panorama(W, H, 4);
    const panMoment = (t: number, score: number, offset: number) => ({ timestampSec: t, score, defect: null, hash: perceptualHash(pan(offset), W, H) });
    const samples = [panMoment(0, 0.9, 0), panMoment(3, 0.85, 3), sample(6, 0.95, 2, "noisy")];
    expect(isNearDuplicate(samples[0]!.hash, samples[1]!.hash)).toBe(true);
    const { picks, shortfall } = selectFitFrames(samples, 2, 2);
    expect(picks.map((p) => p.timestampSec).sort()).toEqual([0, 3]);
    expect(shortfall).toBeNull();
  });

  it("returns fewer frames rather than degraded ones, and says which defects kept them out", () => {
    const samples = [sample(0, 0.9, 1), sample(2, 0.8, 2), sample(4, 0.7, 3, "blurred"), sample(6, 0.7, 4, "blurred"), sample(8, 0.6, 5, "noisy")];
    const { picks, shortfall } = selectFitFrames(samples, 4, 2);
    expect(picks.map((p) => p.timestampSec)).toEqual([0, 2]);
    expect(shortfall).toEqual({ reason: "degraded", defects: ["blurred", "noisy"] });
  });

  it("says the video is too short when the spacing, not quality, limits the count", () => {
    const { picks, shortfall } = selectFitFrames([sample(0, 0.9, 1), sample(1, 0.8, 2), sample(2, 0.7, 3)], 3, 2);
    expect(picks).toHaveLength(2);
    expect(shortfall).toEqual({ reason: "too-short", defects: [] });
  });

  it("says the views repeat when only copies of one picture are left", () => {
    const still = Array.from({ length: 6 }, (_, i) => sample(i * 2, 0.9 - i / 100, 1));
    const { picks, shortfall } = selectFitFrames([...still, sample(12, 0.5, 2)], 4, 2);
    expect(picks.length).toBeLessThan(4);
    expect(shortfall?.reason).toBe("too-alike");
  });

  it("delivers the single least bad moment when none is fit", () => {
    const samples = [sample(0, 0.2, 1, "blurred"), sample(2, 0.3, 2, "noisy"), sample(4, 0.1, 3, "dark"), sample(6, 0.25, 4, "blurred"), sample(8, 0.2, 5, "noisy")];
    const { picks, shortfall } = selectFitFrames(samples, 3, 1);
    expect(picks.map((p) => p.timestampSec)).toEqual([2]);
    expect(shortfall?.reason).toBe("all-degraded");
  });

  it("takes a defect the whole video shares as its style: drawings on black still get every frame", () => {
    const samples = Array.from({ length: 10 }, (_, i) => sample(i, 0.5 + i / 100, 10 + i, "dark"));
    const { picks, shortfall } = selectFitFrames(samples, 3, 2);
    expect(picks).toHaveLength(3);
    expect(shortfall).toBeNull();
  });
});
