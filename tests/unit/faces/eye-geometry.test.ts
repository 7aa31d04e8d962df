import { describe, expect, it } from "vitest";
import { CLOSED_AT, OPEN_AT, combinedOpenness, eyeShape, frontalness, weightedOpenness, type EyeOutline, type Point } from "../../../worker/faces/eye-geometry";

/**
 * A hand-made eye: corners at (0, 0) and (width, 0), lids as arcs `gap` apart at the middle,
 * then rotated by `roll` radians and moved to (dx, dy) — the iris model's point order.
 */
function eye(width: number, gap: number, { roll = 0, dx = 0, dy = 0, iris }: { roll?: number; dx?: number; dy?: number; iris?: number } = {}): EyeOutline {
  const place = ([x, y]: Point): Point => [dx + x * Math.cos(roll) - y * Math.sin(roll), dy + x * Math.sin(roll) + y * Math.cos(roll)];
  // Lid height along the eye: 1 at the middle, 0 at the corners.
  const bulge = (x: number) => Math.sin((Math.PI * x) / width);
  const lower = Array.from({ length: 9 }, (_, i) => (i * width) / 8).map((x) => place([x, (gap / 2) * bulge(x)]));
  const upper = Array.from({ length: 7 }, (_, i) => ((i + 1) * width) / 8).map((x) => place([x, (-gap / 2) * bulge(x)]));
  return { lower, upper, ...(iris === undefined ? {} : { iris: place([width / 2 + iris * width, 0]) }) };
}

describe("eyeShape", () => {
  it("is the lid gap over the corner distance, averaged over the three middle pairs", () => {
    const shape = eyeShape(eye(40, 12));
    expect(shape.width).toBeCloseTo(40, 9);
    // Middle pairs sit at 3/8, 4/8 and 5/8 of the width: gaps 12·sin(3π/8), 12, 12·sin(5π/8).
    const expected = (12 * (2 * Math.sin((3 * Math.PI) / 8) + 1)) / 3 / 40;
    expect(shape.openness).toBeCloseTo(expected, 9);
  });

  it("reads a closed eye near 0 and does not change with roll, position or scale", () => {
    expect(eyeShape(eye(40, 0)).openness).toBeCloseTo(0, 9);
    const upright = eyeShape(eye(40, 12)).openness;
    expect(eyeShape(eye(40, 12, { roll: 0.5, dx: 300, dy: -20 })).openness).toBeCloseTo(upright, 9);
    expect(eyeShape(eye(400, 120, { roll: -1 })).openness).toBeCloseTo(upright, 9);
  });

  it("gives the iris offset along the eye in eye widths, null without an iris", () => {
    expect(eyeShape(eye(40, 12, { iris: 0 })).irisOffset).toBeCloseTo(0, 9);
    expect(eyeShape(eye(40, 12, { iris: 0.1, roll: 0.3 })).irisOffset).toBeCloseTo(0.1, 9);
    expect(eyeShape(eye(40, 12, { iris: -0.2 })).irisOffset).toBeCloseTo(-0.2, 9);
    expect(eyeShape(eye(40, 12)).irisOffset).toBeNull();
  });

  it("reads a degenerate outline as shut, and refuses the wrong number of points", () => {
    expect(eyeShape(eye(0, 0))).toEqual({ openness: 0, width: 0, irisOffset: null });
    const { lower, upper } = eye(40, 12);
    expect(() => eyeShape({ lower: lower.slice(1), upper })).toThrow(RangeError);
    expect(() => eyeShape({ lower, upper: upper.slice(1) })).toThrow(RangeError);
  });
});

describe("combining both eyes", () => {
  const shape = (openness: number, width: number) => ({ openness, width, irisOffset: null });

  it("weights each eye by its width", () => {
    expect(weightedOpenness([shape(0.3, 30), shape(0.1, 10)])).toBeCloseTo(0.25, 9);
    expect(weightedOpenness([shape(0.3, 30), shape(0.9, 0)])).toBeCloseTo(0.3, 9);
    expect(weightedOpenness([])).toBe(0);
  });

  it("maps the ratio to 0 at CLOSED_AT and below, 1 at OPEN_AT and above, linear between", () => {
    expect(combinedOpenness([shape(CLOSED_AT, 30), shape(CLOSED_AT, 30)])).toBe(0);
    expect(combinedOpenness([shape(0.05, 30), shape(0.05, 30)])).toBe(0);
    expect(combinedOpenness([shape(OPEN_AT, 30), shape(OPEN_AT, 30)])).toBeCloseTo(1, 9);
    expect(combinedOpenness([shape(0.4, 30), shape(0.4, 30)])).toBe(1);
    const middle = (CLOSED_AT + OPEN_AT) / 2;
    expect(combinedOpenness([shape(middle, 30), shape(middle, 30)])).toBeCloseTo(0.5, 9);
    expect(combinedOpenness([shape(0.4, 0), shape(0.4, 0)])).toBe(0);
  });

  it("calls a face frontal when both eyes are as wide, less so as one narrows", () => {
    expect(frontalness([shape(0.3, 30), shape(0.3, 30)])).toBe(1);
    expect(frontalness([shape(0.3, 30), shape(0.3, 15)])).toBe(0.5);
    expect(frontalness([shape(0.3, 30)])).toBe(0);
  });
});
