/**
 * The tiled second look for small faces (worker/picker/face-tiles.ts), with the real detector on a
 * real photograph pasted small into a 1080p frame: a face about 5 % of the frame height, which the
 * detector misses in the whole 480×270 analysis frame.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaceDetector } from "../../worker/faces/detector";
import { sampleFrames } from "../../worker/media/sample";
import { lookAt } from "../../worker/picker/face-candidates";
import { pickFrames } from "../../worker/picker/pick";
import type { FaceDetector } from "../../worker/picker/types";
import { makeFaceVideo } from "../helpers/face-video";

let dir: string;
let clip: string;
// The portrait pasted 110 px wide at (1300, 200) of 1920×1080: at analysis size (÷4) it spans x 325–352.
const photo = { left: 1300, top: 200, width: 110 };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fp-face-tiles-"));
  clip = await makeFaceVideo(dir, { width: 1920, height: 1080, photo, seconds: 3, ramp: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function firstFrame(): Promise<{ gray: Uint8Array; width: number; height: number }> {
  let frame: { gray: Uint8Array; width: number; height: number } | null = null;
  await sampleFrames(clip, { rate: 1, width: 480, height: 270 }, (gray, width, height) => {
    frame ??= { gray: Uint8Array.from(gray), width, height };
  });
  if (!frame) throw new Error("no frame decoded");
  return frame;
}

/** The real detector, counting its calls. */
async function countingDetector(): Promise<{ detector: FaceDetector; calls: () => number }> {
  const real = await createFaceDetector();
  let calls = 0;
  return {
    detector: { ...real, detect: (gray, width, height) => (calls++, real.detect(gray, width, height)) },
    calls: () => calls,
  };
}

describe("a face about 5 % of the frame height", () => {
  it("is missed in the whole frame, found by the tiled look where it is, and the look is spent from the budget", async () => {
    const { gray, width, height } = await firstFrame();
    const { detector, calls } = await countingDetector();
    expect(await detector.detect(gray, width, height)).toEqual([]);

    const budget = { left: 1 };
    const { faces } = await lookAt(detector, gray, width, height, budget);
    expect(faces).toHaveLength(1);
    const face = faces[0]!;
    expect(face.x).toBeGreaterThanOrEqual(photo.left / 4);
    expect(face.x + face.width).toBeLessThanOrEqual((photo.left + photo.width) / 4);
    expect(face.height / height).toBeGreaterThan(0.04);
    expect(face.height / height).toBeLessThan(0.07);
    expect(budget.left).toBe(0);

    // With the budget spent, only the whole frame is looked at.
    const before = calls();
    expect((await lookAt(detector, gray, width, height, budget)).faces).toEqual([]);
    expect(calls() - before).toBe(1);
  });

  it("is on balanced's profile pick, which looks in tiles, and not on fast's, which does not", async () => {
    const detector = await createFaceDetector();
    const params = { mode: "profile", count: 1, minIntervalSec: 1 } as const;
    const balanced = await pickFrames(clip, { ...params, quality: "balanced" }, { faceDetector: detector });
    expect(balanced.picks[0]!.faces).toHaveLength(1);
    const fast = await pickFrames(clip, { ...params, quality: "fast" }, { faceDetector: detector });
    expect(fast.picks[0]!.faces ?? []).toEqual([]);
  });
});
