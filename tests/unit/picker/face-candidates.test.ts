import { describe, expect, it } from "vitest";
import { FaceCandidates, type FaceCheckTarget } from "../../../worker/picker/face-candidates";
import type { FaceBox, FaceDetector } from "../../../worker/picker/types";

/** Records what it was asked to look at; "finds" a face in frames whose first byte is 1. */
function recordingDetector() {
  const seen: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const detector: FaceDetector = {
    async detect(gray): Promise<FaceBox[]> {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      seen.push(gray[1]!);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      return gray[0] === 1 ? [{ x: 0, y: 0, width: 10, height: 10, score: 0.9 }] : [];
    },
  };
  return { detector, seen, maxInFlight: () => maxInFlight };
}

async function stream(candidates: FaceCandidates, count: number, everySec: number, rank: (i: number) => number) {
  const targets: FaceCheckTarget[] = [];
  for (let i = 0; i < count; i++) {
    const target: FaceCheckTarget = { timestampSec: i * everySec, faces: null };
    targets.push(target);
    const gray = new Uint8Array([i % 2, i % 256, 0, 0]);
    await candidates.offer(target, gray, rank(i));
  }
  await candidates.finish();
  return targets;
}

describe("FaceCandidates", () => {
  it("checks only the best-ranked samples of each interval window", async () => {
    const { detector } = recordingDetector();
    const candidates = new FaceCandidates(detector, 2, 2, { durationSec: 10, minIntervalSec: 2, perWindow: 1, maxChecks: 100 });
    // 4 samples per second; within each 2 s window the sample at +1.25 s ranks highest.
    const targets = await stream(candidates, 40, 0.25, (i) => (i % 8 === 5 ? 1 : 0.1));
    const checked = targets.filter((t) => t.faces !== null).map((t) => t.timestampSec);
    expect(checked).toEqual([1.25, 3.25, 5.25, 7.25, 9.25]);
    // Odd sample indices carry a face in this fake.
    expect(targets.find((t) => t.timestampSec === 1.25)!.faces).toHaveLength(1);
  });

  it("keeps the number of detector calls bounded on long videos", async () => {
    const { detector, seen, maxInFlight } = recordingDetector();
    const durationSec = 3600;
    const candidates = new FaceCandidates(detector, 2, 2, { durationSec, minIntervalSec: 0.5, perWindow: 2, maxChecks: 80 });
    await stream(candidates, 1800, 2, (i) => (i * 7919) % 101);
    expect(seen.length).toBeLessThanOrEqual(80 + 2);
    expect(seen.length).toBeGreaterThanOrEqual(70);
    expect(maxInFlight()).toBe(1);
  });

  it("passes a detector failure on to the caller", async () => {
    const failing: FaceDetector = { detect: () => Promise.reject(new Error("model exploded")) };
    const candidates = new FaceCandidates(failing, 2, 2, { durationSec: 4, minIntervalSec: 1, perWindow: 1, maxChecks: 10 });
    await expect(stream(candidates, 8, 0.5, () => 1)).rejects.toThrow("model exploded");
  });
});
