import { describe, expect, it } from "vitest";
import { sampleSquare } from "../../../worker/faces/sample-square";

/** A width × height RGB image whose red is x, green is y and blue is 7. */
function ramp(width: number, height: number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgb.set([x, y, 7], (y * width + x) * 3);
  return rgb;
}
const at = (out: Float32Array, size: number, x: number, y: number) => Array.from(out.subarray((y * size + x) * 3, (y * size + x) * 3 + 3));

describe("sampleSquare", () => {
  it("copies a region pixel for pixel at 1:1 and divides the values", () => {
    const out = sampleSquare(ramp(20, 10), 20, 10, { x: 5, y: 2, side: 4 }, { size: 4, divisor: 2 });
    expect(at(out, 4, 0, 0)).toEqual([2.5, 1, 3.5]);
    expect(at(out, 4, 3, 3)).toEqual([4, 2.5, 3.5]);
  });

  it("mirrors left–right when asked", () => {
    const out = sampleSquare(ramp(20, 10), 20, 10, { x: 5, y: 2, side: 4 }, { size: 4, flip: true });
    expect(at(out, 4, 0, 0)).toEqual([8, 2, 7]);
    expect(at(out, 4, 3, 1)).toEqual([5, 3, 7]);
  });

  it("averages when shrinking, so a region's mean survives", () => {
    // 8 px → 2 px: each output pixel covers 4 source columns, mean x of columns 0–3 is 1.5.
    const out = sampleSquare(ramp(8, 8), 8, 8, { x: 0, y: 0, side: 8 }, { size: 2 });
    expect(at(out, 2, 0, 0)[0]).toBeCloseTo(1.5, 5);
    expect(at(out, 2, 1, 1)[1]).toBeCloseTo(5.5, 5);
  });

  it("reads black past the image's edges", () => {
    const out = sampleSquare(ramp(4, 4), 4, 4, { x: -4, y: -4, side: 8 }, { size: 8 });
    expect(at(out, 8, 0, 0)).toEqual([0, 0, 0]);
    expect(at(out, 8, 5, 5)).toEqual([1, 1, 7]);
  });

  it("samples a gray image as the RGB image with that gray in every channel", () => {
    const gray = Uint8Array.from({ length: 20 * 10 }, (_, i) => (i * 37) % 256);
    const rgb = new Uint8Array(gray.length * 3).map((_, i) => gray[Math.floor(i / 3)]!);
    const region = { x: 3.5, y: -1, side: 9 };
    const fromGray = sampleSquare(gray, 20, 10, region, { size: 5, flip: true, divisor: 255 });
    expect(Array.from(fromGray)).toEqual(Array.from(sampleSquare(rgb, 20, 10, region, { size: 5, flip: true, divisor: 255 })));
    expect(new Set(Array.from(fromGray)).size).toBeGreaterThan(5);
  });

  it("refuses a buffer of the wrong size or an empty region", () => {
    expect(() => sampleSquare(new Uint8Array(10), 4, 4, { x: 0, y: 0, side: 4 }, { size: 4 })).toThrow(RangeError);
    expect(() => sampleSquare(ramp(4, 4), 4, 4, { x: 0, y: 0, side: 0 }, { size: 4 })).toThrow(RangeError);
  });
});
