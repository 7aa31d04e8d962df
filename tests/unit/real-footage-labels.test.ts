import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { requestFor } from "~/bench/real/run-real";
import { clipLabelsSchema, goodShare, labelAt, LABELS_DIR, loadLabels, withUnusable, type ClipLabels } from "~/bench/real/labels";
import { REAL_CLIPS } from "~/bench/real/sources";
import { halfOf } from "~/bench/real/split";

const labels = (ranges: ClipLabels["ranges"]): ClipLabels => ({ id: "x", labelledBy: "test", ranges });

describe("the real-footage labels", () => {
  it("exist for every clip, with a contact sheet beside them, and cover each clip without gaps", () => {
    const files = readdirSync(LABELS_DIR);
    for (const clip of REAL_CLIPS) {
      expect(files).toContain(`${clip.id}.json`);
      expect(files).toContain(`${clip.id}.jpg`);
      expect(loadLabels(clip.id).ranges[0]!.from).toBe(0);
    }
  });

  it("refuse gaps, overlaps and reasons outside the list", () => {
    const gap = { id: "x", labelledBy: "t", ranges: [{ from: 0, to: 1, label: "good" }, { from: 1.5, to: 2, label: "good" }] };
    expect(clipLabelsSchema.safeParse(gap).success).toBe(false);
    const overlap = { id: "x", labelledBy: "t", ranges: [{ from: 0, to: 1, label: "good" }, { from: 0.5, to: 2, label: "good" }] };
    expect(clipLabelsSchema.safeParse(overlap).success).toBe(false);
    const unknownReason = { id: "x", labelledBy: "t", ranges: [{ from: 0, to: 1, label: "unusable", reason: "boring" }] };
    expect(clipLabelsSchema.safeParse(unknownReason).success).toBe(false);
  });

  it("mark a degraded stretch unusable and keep the rest as labelled", () => {
    const parent = labels([
      { from: 0, to: 2, label: "good" },
      { from: 2, to: 3, label: "unusable", reason: "eyes closed" },
      { from: 3, to: 10, label: "good" },
    ]);
    const ranges = withUnusable(parent, 2.5, 6, "heavy blur");
    expect(ranges).toEqual([
      { from: 0, to: 2, label: "good" },
      { from: 2, to: 2.5, label: "unusable", reason: "eyes closed" },
      { from: 2.5, to: 6, label: "unusable", reason: "heavy blur" },
      { from: 6, to: 10, label: "good" },
    ]);
    expect(clipLabelsSchema.safeParse(labels(ranges)).success).toBe(true);
    expect(goodShare(labels(ranges))).toBeCloseTo(0.6);
    expect(labelAt(labels(ranges), 10)).toMatchObject({ label: "good" });
    expect(labelAt(labels(ranges), 2.5)).toMatchObject({ reason: "heavy blur" });
  });
});

describe("the held-out split", () => {
  it("is fixed by the clip's name alone, and puts both halves to use", () => {
    expect(halfOf("webcam-face-kphotoalbum")).toBe(halfOf("webcam-face-kphotoalbum"));
    const halves = REAL_CLIPS.map((c) => halfOf(c.id));
    expect(halves).toContain("test");
    expect(halves).toContain("tuning");
  });
});

describe("what each real clip is asked for", () => {
  it("fits the product's limits: 1–5 frames, at least 0.5 s apart, that fit the clip", () => {
    for (const seconds of [0.6, 1, 2.5, 4.5, 8, 37]) {
      const { count, minIntervalSec } = requestFor(seconds);
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(5);
      expect(minIntervalSec).toBeGreaterThanOrEqual(0.5);
      if (count > 1) expect((count - 1) * minIntervalSec).toBeLessThanOrEqual(seconds);
    }
  });
});
