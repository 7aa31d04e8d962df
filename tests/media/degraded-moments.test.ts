import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PickQuality } from "~/core/pick-params";
import { pickFrames } from "~/worker/picker/pick";
import { makeVideo } from "../helpers/make-video";

// Real ffmpeg on generated clips whose stretch from 2.5 s on is spoilt the way cameras spoil it.
let dir: string;
let clean: string;
let grainy: string;
let defocused: string;
const SPOILT_FROM = 2.5;
const base = { codec: "h264", container: "mp4", seconds: 8, width: 640, height: 360, fps: 25 } as const;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fp-degraded-"));
  [clean, grainy, defocused] = await Promise.all([
    makeVideo(dir, base),
    makeVideo(dir, { ...base, degrade: { from: SPOILT_FROM, to: 8, kind: "dark-noisy" } }),
    makeVideo(dir, { ...base, degrade: { from: SPOILT_FROM, to: 8, kind: "defocus" } }),
  ]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const request = (quality: PickQuality) => ({ mode: "action", quality, count: 4, minIntervalSec: 0.8 }) as const;

describe("degraded moments", () => {
  it("fills the request from a clean clip", async () => {
    const { picks, shortfall } = await pickFrames(clean, request("balanced"));
    expect(picks).toHaveLength(4);
    expect(shortfall).toBeNull();
  });

  for (const quality of ["fast", "balanced", "best"] as const) {
    it(`${quality}: never picks a dark and grainy moment; returns fewer frames and says why`, async () => {
      const { picks, shortfall } = await pickFrames(grainy, request(quality));
      expect(picks.length).toBeGreaterThan(0);
      expect(picks.length).toBeLessThan(4);
      for (const pick of picks) expect(pick.timestampSec).toBeLessThan(SPOILT_FROM);
      expect(shortfall).toEqual({ reason: "degraded", defects: expect.arrayContaining(["noisy"]) as unknown });
    });
  }

  it("never picks a defocused moment while sharp ones remain", async () => {
    // At most 4 moments 0.8 s apart fit before the blur; 6 asked for.
    const { picks, shortfall } = await pickFrames(defocused, { ...request("best"), count: 6 });
    expect(picks.length).toBeGreaterThanOrEqual(3);
    for (const pick of picks) expect(pick.timestampSec).toBeLessThan(SPOILT_FROM);
    expect(shortfall).toEqual({ reason: "degraded", defects: ["blurred"] });
  });
});
