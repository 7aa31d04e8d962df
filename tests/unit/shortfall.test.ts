import { describe, expect, it } from "vitest";
import { DEFECTS, DEFECT_LABELS, SHORTFALL_REASONS, shortfallMessage, shortfallSchema } from "~/core/shortfall";

describe("shortfallMessage", () => {
  it("tells the user how many frames came back and why, in words for every reason", () => {
    expect(shortfallMessage({ reason: "too-short", defects: [] }, 5, 2, 3)).toBe(
      "Found 2 of the 5 frames you asked for: the video is too short for more frames 3 s apart. Lower the minimum interval to get more.",
    );
    expect(shortfallMessage({ reason: "too-alike", defects: [] }, 4, 1, 2)).toContain("repeat the same view");
    expect(shortfallMessage({ reason: "degraded", defects: ["blurred", "noisy"] }, 5, 3, 2)).toBe(
      "Found 3 of the 5 frames you asked for: the rest of the video is blurred or dark and grainy, so we left those moments out.",
    );
    expect(shortfallMessage({ reason: "all-degraded", defects: ["dark"] }, 3, 1, 2)).toContain("(it is too dark)");
    for (const reason of SHORTFALL_REASONS) expect(shortfallMessage({ reason, defects: [] }, 3, 1, 2).length).toBeGreaterThan(20);
  });

  it("has a label for every defect, and its schema refuses unknown reasons", () => {
    for (const defect of DEFECTS) expect(DEFECT_LABELS[defect]).toMatch(/\w/);
    expect(shortfallSchema.safeParse({ reason: "degraded", defects: ["blurred"] }).success).toBe(true);
    expect(shortfallSchema.safeParse({ reason: "bored", defects: [] }).success).toBe(false);
  });
});
