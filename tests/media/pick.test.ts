import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PickParams } from "../../core/pick-params";
import { MediaError } from "../../worker/media/errors";
import { pickFrames } from "../../worker/picker/pick";
import { QUALITY_PRESETS } from "../../worker/picker/presets";
import type { FaceDetector, PickStage } from "../../worker/picker/types";
import { makeNotAVideo, makeVideo } from "../helpers/make-video";

let dir: string;
let clip: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fp-pick-"));
  clip = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 8, width: 640, height: 360, fps: 30 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const params = (overrides: Partial<PickParams> = {}): PickParams => ({ mode: "profile", quality: "balanced", count: 3, minIntervalSec: 2, ...overrides });

function expectSpaced(times: number[], interval: number) {
  const sorted = [...times].sort((a, b) => a - b);
  sorted.forEach((t, i) => i > 0 && expect(t - sorted[i - 1]!).toBeGreaterThanOrEqual(interval - 1e-6));
}

describe("pickFrames", () => {
  it("returns the requested number of frames, spaced, best first, with a breakdown", async () => {
    const { picks, samples, probe } = await pickFrames(clip, params());
    expect(probe).toMatchObject({ width: 640, height: 360 });
    expect(samples).toBe(32); // 8 s at 4 samples/s
    expect(picks).toHaveLength(3);
    expectSpaced(picks.map((p) => p.timestampSec), 2);
    expect(picks.map((p) => p.score)).toEqual(picks.map((p) => p.score).sort((a, b) => b - a));
    for (const pick of picks) {
      expect(pick.timestampSec).toBeGreaterThanOrEqual(0);
      expect(pick.timestampSec).toBeLessThan(8);
      expect(pick.score).toBeGreaterThan(0);
      expect(pick.score).toBeLessThanOrEqual(1);
      expect(Object.keys(pick.metrics).sort()).toEqual(["brightness", "composition", "contrast", "sharpness"]);
    }
  });

  it("fills the request whenever the spacing allows (10 asked from 10 s at 2 s → 5)", async () => {
    const zoom = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 10, width: 160, height: 90, fps: 10, source: "mandelbrot" });
    const { picks } = await pickFrames(zoom, params({ count: 10, minIntervalSec: 2, quality: "fast" }));
    expect(picks).toHaveLength(5);
    expectSpaced(picks.map((p) => p.timestampSec), 2);
  });

  it("looks deeper at better quality", async () => {
    const results = await Promise.all((["fast", "balanced", "best"] as const).map((quality) => pickFrames(clip, params({ quality }))));
    expect(results.map((r) => r.samples)).toEqual([16, 32, 64]);
  });

  it("scores motion and spread in action mode", async () => {
    const { picks } = await pickFrames(clip, params({ mode: "action" }));
    expect(picks).toHaveLength(3);
    for (const pick of picks) {
      expect(Object.keys(pick.metrics).sort()).toEqual(["brightness", "composition", "contrast", "motion", "sharpness"]);
      expect(pick.metrics.motion).toBeGreaterThan(0);
    }
  });

  it("never delivers the same picture twice (a still shot gives one frame)", async () => {
    const still = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 6, width: 320, height: 180, fps: 25, source: "smptebars" });
    const { picks } = await pickFrames(still, params({ count: 3, minIntervalSec: 1 }));
    expect(picks).toHaveLength(1);
  });

  it("asks the face detector about a bounded number of promising frames and scores faces", async () => {
    const calls: Array<[number, number]> = [];
    const detector: FaceDetector = {
      async detect(gray, width, height) {
        expect(gray).toHaveLength(width * height);
        calls.push([width, height]);
        return [{ x: 100, y: 40, width: 80, height: 80, score: 0.9 }];
      },
    };
    const { picks } = await pickFrames(clip, params({ quality: "balanced" }), { faceDetector: detector });
    const preset = QUALITY_PRESETS.balanced;
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.length).toBeLessThanOrEqual(Math.ceil(8 / 2) * preset.faceCandidatesPerWindow);
    expect(calls[0]).toEqual([320, 180]);
    // 80×80 on 320×180 is 11 % of the frame: one well-sized face.
    expect(picks[0]!.metrics.face).toBe(1);
  });

  it("reports progress by stage, in order, ending each stage at 100 %", async () => {
    const events: Array<[PickStage, number]> = [];
    await pickFrames(clip, params(), { onProgress: (stage, fraction) => events.push([stage, fraction]) });
    const stages = events.map(([stage]) => stage).filter((s, i, all) => all[i - 1] !== s);
    expect(stages).toEqual(["probing", "sampling", "scoring"]);
    for (const stage of stages) {
      const fractions = events.filter(([s]) => s === stage).map(([, f]) => f);
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
      expect(fractions.at(-1)).toBe(1);
    }
    expect(events.filter(([s]) => s === "sampling").length).toBeGreaterThan(5);
  });

  it("stops when cancelled", async () => {
    const controller = new AbortController();
    const picking = pickFrames(clip, params(), {
      signal: controller.signal,
      onProgress: (stage, fraction) => stage === "sampling" && fraction > 0.2 && controller.abort(),
    });
    await expect(picking).rejects.toMatchObject({ name: "AbortError" });
  });

  it("passes bad input on as a MediaError", async () => {
    await expect(pickFrames(await makeNotAVideo(dir), params())).rejects.toBeInstanceOf(MediaError);
  });
});
