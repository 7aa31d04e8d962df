import { describe, expect, it } from "vitest";
import { blurEffect } from "../../../worker/picker/blur";
import { boxBlur, constantImage, noiseImage } from "./images";

const W = 96;
const H = 64;

/** Horizontal-only box blur: what a fast pan does to a frame. */
function horizontalBlur(gray: Uint8Array, radius: number): Uint8Array {
  const out = new Uint8Array(gray.length);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sum = 0;
      for (let dx = -radius; dx <= radius; dx++) sum += gray[y * W + Math.min(W - 1, Math.max(0, x + dx))]!;
      out[y * W + x] = Math.round(sum / (2 * radius + 1));
    }
  }
  return out;
}

describe("blurEffect", () => {
  it("rises with defocus", () => {
    const crisp = noiseImage(W, H, 3, 128, 90);
    const values = [0, 1, 2, 4].map((r) => blurEffect(r === 0 ? crisp : boxBlur(crisp, W, H, r), W, H));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values[0]).toBeLessThan(0.15);
    expect(values[3]).toBeGreaterThan(values[0]! + 0.1);
  });

  it("catches blur in one direction only (motion blur)", () => {
    const crisp = noiseImage(W, H, 4, 128, 90);
    const crispBlur = blurEffect(crisp, W, H);
    expect(blurEffect(horizontalBlur(crisp, 3), W, H)).toBeGreaterThan(crispBlur + 0.1);
  });

  it("judges a faint crisp texture sharper than a strong blurred one (not fooled by contrast)", () => {
    const faintCrisp = noiseImage(W, H, 5, 128, 12);
    const strongBlurred = boxBlur(noiseImage(W, H, 6, 128, 120), W, H, 3);
    expect(blurEffect(faintCrisp, W, H)).toBeLessThan(blurEffect(strongBlurred, W, H));
  });

  it("calls a flat or tiny image fully blurred", () => {
    expect(blurEffect(constantImage(W, H, 90), W, H)).toBe(1);
    expect(blurEffect(noiseImage(8, 8, 1), 8, 8)).toBe(1);
  });
});

describe("blurEffect on part of the frame", () => {
  it("judges a frame by its sharpest detailed region: a crisp subject on a soft background is sharp", () => {
    const soft = boxBlur(boxBlur(noiseImage(W, H, 7, 128, 90), W, H, 3), W, H, 3);
    const subject = noiseImage(W, H, 8, 128, 90);
    // Crisp detail in the middle third only, like a face in front of a blurred background.
    const portrait = soft.map((v, i) => {
      const x = i % W;
      const y = Math.floor(i / W);
      return x >= W / 3 && x < (2 * W) / 3 && y >= H / 4 && y < (3 * H) / 4 ? subject[i]! : v;
    });
    expect(blurEffect(portrait, W, H)).toBeLessThan(blurEffect(soft, W, H) - 0.1);
    expect(blurEffect(portrait, W, H)).toBeCloseTo(blurEffect(subject, W, H), 1);
  });
});
