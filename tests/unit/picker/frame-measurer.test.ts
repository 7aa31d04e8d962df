import { describe, expect, it } from "vitest";
import { sharedFrameMeasurer } from "../../../worker/picker/frame-measurer";
import { measureFrame } from "../../../worker/picker/frame-stats";

const W = 96;
const H = 54;

function frame(seed: number): Uint8Array {
  const gray = new Uint8Array(W * H);
  for (let i = 0; i < gray.length; i++) gray[i] = (i * (seed + 3) + ((i / W) | 0) * seed * 7) & 255;
  return gray;
}

describe("the frame measurer (a worker thread)", () => {
  it("gives what measureFrame gives, for each frame in order, and hands the pixels back", async () => {
    const frames = Array.from({ length: 12 }, (_, i) => frame(i));
    const expected = frames.map((f, i) => measureFrame(f, W, H, i / 10, 4));
    const copies = frames.map((f) => f.slice());
    const measurer = sharedFrameMeasurer();
    // All in flight at once, as a scan sends them.
    const results = await Promise.all(frames.map((f, i) => measurer.measure(f, W, H, i / 10, 4)));
    results.forEach((result, i) => {
      expect(result.stats).toEqual(expected[i]);
      expect(result.gray).toEqual(copies[i]);
    });
  });

  it("accepts a frame that is a view into a larger buffer, leaving that buffer alone", async () => {
    const backing = new Uint8Array(W * H + 100).fill(7);
    const view = backing.subarray(50, 50 + W * H);
    view.set(frame(5));
    const result = await sharedFrameMeasurer().measure(view, W, H, 0, null);
    expect(result.stats).toEqual(measureFrame(frame(5), W, H, 0, null));
    expect(backing.byteLength).toBe(W * H + 100);
    expect(backing[0]).toBe(7);
  });

  it("is started once per process and reused", () => {
    expect(sharedFrameMeasurer()).toBe(sharedFrameMeasurer());
  });
});
