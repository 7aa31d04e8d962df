import { describe, expect, it } from "vitest";
import { measureDetail } from "../../../worker/picker/blur";

const blockiness = (gray: Uint8Array, width: number, height: number, period: number | null) => measureDetail(gray, width, height, period).blockiness;
import { boxBlur, noiseImage } from "./images";

const W = 96;
const H = 64;

/** A picture made of flat 2×2 tiles: an 8×8-block codec starved of bits, seen at 1/4 scale. */
function blocky(period: number): Uint8Array {
  const smooth = boxBlur(noiseImage(W, H, 9, 128, 100), W, H, 2);
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) out[y * W + x] = smooth[(y - (y % period)) * W + (x - (x % period))]!;
  }
  return out;
}

describe("blockiness", () => {
  it("is clearly above 1 when steps line up with the block grid, below 1 for a natural picture", () => {
    expect(blockiness(blocky(2), W, H, 2)!).toBeGreaterThan(1.5);
    expect(blockiness(boxBlur(noiseImage(W, H, 9, 128, 100), W, H, 1), W, H, 2)!).toBeLessThan(1.05);
  });

  it("measures nothing when blocks do not line up with analysis pixels", () => {
    expect(blockiness(blocky(2), W, H, null)).toBeNull();
  });
});
