import { describe, expect, it } from "vitest";
import { FaceCandidates, type FaceCheckTarget } from "../../../worker/picker/face-candidates";
import type { PerceptualHash } from "../../../worker/picker/perceptual-hash";
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

const SAME: PerceptualHash = [0, 0];
const OTHER: PerceptualHash = [0xffffffff, 0xffffffff];

async function stream(candidates: FaceCandidates, count: number, everySec: number, rank: (i: number) => number, hash: (i: number) => PerceptualHash = () => SAME) {
  const targets: FaceCheckTarget[] = [];
  for (let i = 0; i < count; i++) {
    const target: FaceCheckTarget = { timestampSec: i * everySec, faces: null, eyes: null };
    targets.push(target);
    const gray = new Uint8Array([i % 2, i % 256, 0, 0]);
    await candidates.offer(target, gray, rank(i), hash(i));
  }
  await candidates.finish();
  return targets;
}

describe("FaceCandidates", () => {
  it("checks only the best-ranked sample of each window, and shares its answer with the same picture", async () => {
    const { detector, seen } = recordingDetector();
    const candidates = new FaceCandidates(detector, 2, 2, { durationSec: 10, minWindowSec: 2, perWindow: 1, maxChecks: 100 });
    // 4 samples per second, one unchanging shot: windows close at 3 × 2 s; the sample at +1.25 s of each ranks highest.
    const targets = await stream(candidates, 40, 0.25, (i) => (i % 24 === 5 ? 1 : 0.1));
    expect(seen).toEqual([5, 29]);
    // Odd sample indices carry a face in this fake; the rest of the still shot shares the answer.
    expect(targets.every((t) => t.faces?.length === 1)).toBe(true);
  });

  it("starts a new window when the shot changes, so every shot gets looked at", async () => {
    const { detector } = recordingDetector();
    const candidates = new FaceCandidates(detector, 2, 2, { durationSec: 10, minWindowSec: 1, perWindow: 1, maxChecks: 100 });
    // Shot A for 0–4.5 s ranks high everywhere; shot B from 5 s ranks low but must still be checked.
    const targets = await stream(candidates, 20, 0.5, (i) => (i < 10 ? 0.9 : 0.2), (i) => (i < 10 ? SAME : OTHER));
    const checked = targets.filter((t) => t.faces !== null).map((t) => t.timestampSec);
    expect(checked.some((t) => t >= 5)).toBe(true);
    expect(checked.some((t) => t < 5)).toBe(true);
  });

  it("never spends a detector call on unusable samples", async () => {
    const { detector, seen } = recordingDetector();
    const candidates = new FaceCandidates(detector, 2, 2, { durationSec: 10, minWindowSec: 1, perWindow: 1, maxChecks: 100 });
    await stream(candidates, 20, 0.5, () => 0);
    expect(seen).toHaveLength(0);
  });

  it("keeps the number of detector calls bounded on long videos", async () => {
    const { detector, seen, maxInFlight } = recordingDetector();
    const durationSec = 3600;
    const candidates = new FaceCandidates(detector, 2, 2, { durationSec, minWindowSec: 0.5, perWindow: 2, maxChecks: 80 });
    // Every sample looks different: windows close as soon as they are long enough.
    await stream(candidates, 1800, 2, (i) => ((i * 7919) % 101) / 100 + 0.02, (i) => (i % 2 ? SAME : OTHER));
    expect(seen.length).toBeLessThanOrEqual(80 + 2);
    expect(seen.length).toBeGreaterThanOrEqual(70);
    expect(maxInFlight()).toBe(1);
  });

  it("passes a detector failure on to the caller", async () => {
    const failing: FaceDetector = { detect: () => Promise.reject(new Error("model exploded")) };
    const candidates = new FaceCandidates(failing, 2, 2, { durationSec: 4, minWindowSec: 1, perWindow: 1, maxChecks: 10 });
    await expect(stream(candidates, 8, 0.5, () => 1)).rejects.toThrow("model exploded");
  });
});
