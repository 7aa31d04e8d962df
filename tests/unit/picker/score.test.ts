import { describe, expect, it } from "vitest";
import { laplacianVariance, meanBrightness, stdDev, centreStd } from "../../../worker/picker/metrics";
import { faceScore, scoreAction, scoreProfile, type ActionMeasurements, type ProfileMeasurements } from "../../../worker/picker/score";
import type { FaceBox } from "../../../worker/picker/types";
import { boxBlur, constantImage, noiseImage, shifted } from "./images";

const W = 96;
const H = 54;
const AREA = W * H;

function measureProfile(gray: Uint8Array): ProfileMeasurements {
  return { laplacianVariance: laplacianVariance(gray, W, H), meanBrightness: meanBrightness(gray), contrastStd: stdDev(gray, W, H), centreStd: centreStd(gray, W, H) };
}

const face = (share: number): FaceBox => {
  const side = Math.sqrt(share * AREA);
  return { x: 10, y: 5, width: side, height: side, score: 0.9 };
};

describe("brightness term", () => {
  const midGrey = noiseImage(W, H, 1, 127, 25);
  const dark = shifted(midGrey, -95);
  const overExposed = shifted(midGrey, +110);

  it("scores dark and over-exposed frames below mid-grey", () => {
    const mid = scoreProfile(measureProfile(midGrey), null, AREA, 150).metrics.brightness!;
    expect(scoreProfile(measureProfile(dark), null, AREA, 150).metrics.brightness).toBeLessThan(mid - 0.5);
    expect(scoreProfile(measureProfile(overExposed), null, AREA, 150).metrics.brightness).toBeLessThan(mid - 0.5);
  });

  it("is never negative, even for pure black or pure white (the original could go below 0)", () => {
    for (const value of [0, 255]) {
      const { metrics, score } = scoreProfile(measureProfile(constantImage(W, H, value)), [], AREA, 150);
      expect(metrics.brightness).toBeGreaterThanOrEqual(0);
      expect(score).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("sharpness term", () => {
  it("ranks a blurred copy below the original when both are under the threshold", () => {
    const subtle = noiseImage(W, H, 3, 128, 6);
    const sharp = scoreProfile(measureProfile(subtle), null, AREA, 150).metrics.sharpness!;
    const blurred = scoreProfile(measureProfile(boxBlur(subtle, W, H, 2)), null, AREA, 150).metrics.sharpness!;
    expect(sharp).toBeGreaterThan(blurred);
    expect(sharp).toBeLessThanOrEqual(1);
  });

  it("depends on the quality threshold (100 / 150 / 200)", () => {
    const m = { ...measureProfile(noiseImage(W, H)), laplacianVariance: 120 };
    expect(scoreProfile(m, null, AREA, 100).metrics.sharpness).toBe(1);
    expect(scoreProfile(m, null, AREA, 200).metrics.sharpness).toBeCloseTo(0.6, 10);
  });
});

describe("face term", () => {
  it("follows the original rules", () => {
    expect(faceScore([], AREA)).toBe(0.1);
    expect(faceScore([face(0.1)], AREA)).toBe(1);
    expect(faceScore([face(0.06)], AREA)).toBe(1);
    expect(faceScore([face(0.29)], AREA)).toBe(1);
    expect(faceScore([face(0.01)], AREA)).toBe(0.7);
    expect(faceScore([face(0.5)], AREA)).toBe(0.7);
    expect(faceScore([face(0.1), face(0.1)], AREA)).toBe(0.6);
  });

  it("lifts a frame with one well-sized face above the same frame without one", () => {
    const m = measureProfile(noiseImage(W, H));
    expect(scoreProfile(m, [face(0.12)], AREA, 150).score).toBeGreaterThan(scoreProfile(m, [], AREA, 150).score + 0.15);
  });

  it("is left out (not counted as 'no face') when no detector ran", () => {
    const m = measureProfile(noiseImage(W, H));
    const unknown = scoreProfile(m, null, AREA, 150);
    expect(unknown.metrics).not.toHaveProperty("face");
    const { sharpness, brightness, contrast, composition } = unknown.metrics;
    const expected = (0.3 * sharpness! + 0.2 * brightness! + 0.2 * contrast! + 0.1 * composition!) / 0.8;
    expect(unknown.score).toBeCloseTo(expected, 12);
  });
});

describe("action motion", () => {
  const base: ActionMeasurements = { laplacianVariance: 200, meanBrightness: 120, contrastStd: 50, edgeDensity: 0.05, quadrantSpread: 1, motionDiff: null };

  it("uses the edge term alone when there is no previous sample", () => {
    expect(scoreAction(base, 150).metrics.motion).toBeCloseTo(0.25, 12);
  });

  it("rises with real change between neighbouring samples", () => {
    const still = scoreAction({ ...base, motionDiff: 0 }, 150);
    const moving = scoreAction({ ...base, motionDiff: 12 }, 150);
    expect(moving.metrics.motion).toBeGreaterThan(still.metrics.motion!);
    expect(moving.score).toBeGreaterThan(still.score);
  });
});

describe("every score and metric stays in [0, 1]", () => {
  it("for extreme and broken measurements", () => {
    const extremes = [0, 1e-9, 1, 127, 255, 1e9, Number.NaN, Number.POSITIVE_INFINITY, -5];
    for (const value of extremes) {
      const profile = scoreProfile({ laplacianVariance: value, meanBrightness: value, contrastStd: value, centreStd: value }, [face(0.1)], AREA, 150);
      const action = scoreAction({ laplacianVariance: value, meanBrightness: value, contrastStd: value, edgeDensity: value, quadrantSpread: value, motionDiff: value }, 150);
      for (const { score, metrics } of [profile, action]) {
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        for (const v of Object.values(metrics)) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});
