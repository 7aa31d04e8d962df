import { describe, expect, it } from "vitest";
import { metricLabel, metricRank, pickReasons } from "~/core/pick-reasons";

describe("pickReasons", () => {
  it("says in words why a profile frame won, strongest points first", () => {
    expect(pickReasons({ face: 0.95, composition: 0.9, sharpness: 0.92, exposure: 0.97, contrast: 0.85, artefacts: 1, technical: 0.9 })).toEqual([
      "a clear face",
      "sharp",
      "well exposed",
      "well framed",
    ]);
  });

  it("speaks of action, softness and light as they are", () => {
    expect(pickReasons({ motion: 0.85, spread: 1, sharpness: 0.6, exposure: 0.3, contrast: 0.2, artefacts: 0.4, technical: 0.4 })).toEqual([
      "in the thick of the action",
      "reasonably sharp",
      "too dark or too bright",
      "flat light",
    ]);
    expect(pickReasons({ motion: 0.1, sharpness: 0.3, exposure: 0.7, contrast: 0.5, artefacts: 0.3 })).toEqual(["a still moment", "a little soft", "some compression blocks"]);
  });

  it("says whether the eyes are open, and when a frame is grainy", () => {
    expect(pickReasons({ face: 0.95, eyes: 1, sharpness: 0.92, exposure: 0.97 })).toEqual(["a clear face", "eyes open", "sharp", "well exposed"]);
    expect(pickReasons({ face: 0.95, eyes: 0.2, sharpness: 0.92 })).toEqual(["a clear face", "eyes may be closed", "sharp"]);
    expect(pickReasons({ face: 0.95, eyes: 0.8, sharpness: 0.92 })).toEqual(["a clear face", "sharp"]);
    expect(pickReasons({ sharpness: 0.9, clean: 0.3 })).toEqual(["sharp", "grainy"]);
  });

  it("says when no clear face was found, and ignores what it does not know", () => {
    expect(pickReasons({ face: 0, sharpness: 0.9, mystery: 1, exposure: Number.NaN })).toEqual(["no clear face", "sharp"]);
    expect(pickReasons({})).toEqual([]);
  });
});

describe("metric names", () => {
  it("are words, not internal keys, in the order people care about", () => {
    expect(["technical", "artefacts", "spread", "motion", "face"].map(metricLabel)).toEqual([
      "Image quality overall",
      "Free of compression blocks",
      "Detail across the frame",
      "Action",
      "Face",
    ]);
    expect(metricLabel("eyeContact")).toBe("Eye Contact");
    expect(metricRank("face")).toBeLessThan(metricRank("sharpness"));
    expect(metricRank("sharpness")).toBeLessThan(metricRank("technical"));
    expect(metricRank("unknown")).toBeGreaterThan(metricRank("technical"));
  });
});
