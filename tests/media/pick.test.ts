import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { promisify } from "node:util";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PickParams } from "../../core/pick-params";
import { MediaError } from "../../worker/media/errors";
import { pickFrames } from "../../worker/picker/pick";
import { QUALITY_PRESETS } from "../../worker/picker/presets";
import { resolveFfmpeg } from "../../worker/media/binaries";
import type { FaceDetector, PickStage } from "../../worker/picker/types";
import { makeNotAVideo, makeTruncated, makeVideo } from "../helpers/make-video";

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
    const { picks, probe, analysis } = await pickFrames(clip, params());
    expect(probe).toMatchObject({ width: 640, height: 360 });
    expect(analysis).toEqual({ width: 320, height: 180 });
    expect(picks).toHaveLength(3);
    expectSpaced(picks.map((p) => p.timestampSec), 2);
    expect(picks.map((p) => p.score)).toEqual(picks.map((p) => p.score).sort((a, b) => b - a));
    for (const pick of picks) {
      expect(pick.timestampSec).toBeGreaterThanOrEqual(0);
      expect(pick.timestampSec).toBeLessThan(8);
      expect(Object.keys(pick.metrics).sort()).toEqual(["artefacts", "clean", "composition", "contrast", "exposure", "sharpness", "technical"]);
      expect(pick.faces).toBeNull();
    }
  });

  it("action mode measures real motion between neighbouring moments", async () => {
    const { picks } = await pickFrames(clip, params({ mode: "action" }));
    expect(picks).toHaveLength(3);
    for (const pick of picks) {
      expect(Object.keys(pick.metrics)).toEqual(expect.arrayContaining(["motion", "spread", "sharpness"]));
      expect(pick.metrics.motion).toBeGreaterThan(0);
    }
  });

  it("looks deeper as quality rises: keyframes, then windows, then everything", async () => {
    const counts = await Promise.all((["fast", "balanced", "best"] as const).map(async (quality) => (await pickFrames(clip, params({ quality }))).samples));
    // 8 s at one keyframe a second; balanced adds dense windows; best samples 8 times a second.
    expect(counts[0]).toBe(8);
    expect(counts[1]).toBeGreaterThan(counts[0]!);
    expect(counts[2]).toBe(8 * QUALITY_PRESETS.best.denseRate);
  });

  it("still fills the request when keyframes are too sparse to choose from", async () => {
    const oneKeyframe = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 8, width: 320, height: 180, fps: 25, gop: 1000, name: "one-keyframe.mp4" });
    const { picks } = await pickFrames(oneKeyframe, params({ quality: "fast", count: 3 }));
    expect(picks).toHaveLength(3);
    expectSpaced(picks.map((p) => p.timestampSec), 2);
  });

  it("never picks black or fading frames while good ones exist", async () => {
    // 3 s of picture, 2 s of black, then picture again, fading to black over the last 2 s.
    const file = join(dir, "black-and-fade.mp4");
    await promisify(execFile)(resolveFfmpeg(), [
      "-v", "error", "-y",
      "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=8,drawbox=x='mod(t*iw/3\\,iw)':y=ih/3:w=iw/5:h=ih/3:color=white:t=fill",
      "-vf", "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(t,3,5)',fade=t=out:st=6:d=2",
      "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", file,
    ]);
    for (const quality of ["fast", "balanced", "best"] as const) {
      const { picks } = await pickFrames(file, params({ quality, count: 2, minIntervalSec: 1 }));
      expect(picks).toHaveLength(2);
      for (const pick of picks) expect(pick.timestampSec < 3 || (pick.timestampSec > 5 && pick.timestampSec < 6.5), `${quality} picked ${pick.timestampSec}`).toBe(true);
    }
  });

  it("never delivers the same picture twice (a still shot gives one frame)", async () => {
    const still = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 6, width: 320, height: 180, fps: 25, source: "smptebars" });
    for (const quality of ["fast", "best"] as const) {
      const { picks } = await pickFrames(still, params({ quality, count: 3, minIntervalSec: 1 }));
      expect(picks).toHaveLength(1);
    }
  });

  it("asks the face detector about a bounded number of promising frames and scores faces", async () => {
    const calls: Array<[number, number]> = [];
    const detector: FaceDetector = {
      async detect(gray, width, height) {
        expect(gray).toHaveLength(width * height);
        calls.push([width, height]);
        return [{ x: 140, y: 40, width: 50, height: 50, score: 0.95 }];
      },
    };
    const { picks } = await pickFrames(clip, params({ quality: "best" }), { faceDetector: detector });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.length).toBeLessThanOrEqual(QUALITY_PRESETS.best.maxFaceChecks);
    expect(calls[0]).toEqual([320, 180]);
    // 50×50 on 320×180 is 4 % of the frame: one well-sized face, reported with the pick.
    expect(picks[0]!.metrics.face).toBe(1);
    expect(picks[0]!.faces).toEqual([{ x: 140, y: 40, width: 50, height: 50, score: 0.95 }]);
  });

  it("never delivers a blink whose eyes it did not read, in either mode: unread picks are read before they are kept", async () => {
    // The detector is a stand-in (a real face video cannot blink on cue): it sees one face in every
    // frame and reads its eyes shut where the white marker is in the corner. The marked second is
    // the sharpest of the clip, so it ranks first wherever eyes are not read: in profile mode one
    // frame of each face window is read and the rest share its faces; action mode reads none.
    const blink = { from: 3, to: 4 };
    const file = join(dir, "blink.mp4");
    const during = `between(t\\,${blink.from}\\,${blink.to - 0.001})`;
    await promisify(execFile)(resolveFfmpeg(), [
      "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=8",
      "-vf", `gblur=sigma=0.8:enable='not(${during})',drawbox=x=0:y=0:w=24:h=24:color=white:t=fill:enable='${during}'`,
      "-c:v", "libx264", "-preset", "ultrafast", "-crf", "16", "-g", "25", "-pix_fmt", "yuv420p", file,
    ]);
    const marked = (gray: Uint8Array, width: number) => {
      let sum = 0;
      for (let y = 2; y < 10; y++) for (let x = 2; x < 10; x++) sum += gray[y * width + x]!;
      return sum / 64 > 200;
    };
    const face = { x: 120, y: 50, width: 60, height: 60, score: 0.95 };
    const readings: boolean[] = [];
    const detector: FaceDetector = {
      detect: async () => [face],
      async readEyes(gray, width) {
        readings.push(marked(gray, width));
        return marked(gray, width) ? { open: 0, ratio: 0.05 } : { open: 1, ratio: 0.3 };
      },
    };
    for (const mode of ["profile", "action"] as const) {
      for (const quality of ["fast", "balanced", "best"] as const) {
        const { picks } = await pickFrames(file, params({ mode, quality, count: 3, minIntervalSec: 1 }), { faceDetector: detector });
        expect(picks.length, quality).toBeGreaterThan(0);
        for (const pick of picks) expect(pick.timestampSec >= blink.from && pick.timestampSec < blink.to, `${mode} ${quality} picked ${pick.timestampSec}`).toBe(false);
        expect(picks.every((p) => p.metrics.eyes === 1), `${mode} ${quality}: every pick's eyes read open`).toBe(true);
      }
    }
    // The marked stretch was read, more than once a window: the picks that fell in it were checked.
    expect(readings.filter(Boolean).length).toBeGreaterThan(3);
  });

  it("reports progress by stage, in order, ending each stage at 100 %", async () => {
    for (const quality of ["balanced", "best"] as const) {
      const events: Array<[PickStage, number]> = [];
      await pickFrames(clip, params({ quality }), { onProgress: (stage, fraction) => events.push([stage, fraction]) });
      const stages = events.map(([stage]) => stage).filter((s, i, all) => all[i - 1] !== s);
      expect(stages).toEqual(["probing", "sampling", "scoring"]);
      for (const stage of stages) {
        const fractions = events.filter(([s]) => s === stage).map(([, f]) => f);
        expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
        expect(fractions.at(-1)).toBe(1);
      }
      expect(events.filter(([s]) => s === "sampling").length).toBeGreaterThan(3);
    }
  });

  it("stops when cancelled", async () => {
    for (const quality of ["balanced", "best"] as const) {
      const controller = new AbortController();
      const picking = pickFrames(clip, params({ quality }), {
        signal: controller.signal,
        onProgress: (stage, fraction) => stage === "sampling" && fraction > 0.2 && controller.abort(),
      });
      await expect(picking).rejects.toMatchObject({ name: "AbortError" });
    }
  });

  it("accepts a 1.4 s Ogg Theora clip at every quality, though its decoder refuses to skip frames", async () => {
    const ogg = await makeVideo(dir, { codec: "theora", container: "ogv", seconds: 1.4, width: 320, height: 240, fps: 25 });
    for (const quality of ["fast", "balanced", "best"] as const) {
      const { picks } = await pickFrames(ogg, params({ quality, count: 2, minIntervalSec: 0.5 }));
      expect(picks, quality).toHaveLength(2);
    }
  });

  it("passes bad input on as a MediaError", async () => {
    await expect(pickFrames(await makeNotAVideo(dir), params())).rejects.toBeInstanceOf(MediaError);
  });

  it("fails as damaged when the index is intact but the picture data is missing, at every quality", async () => {
    // pickFrames skips the probe's own first-frame check (its scan decodes anyway): the scan must catch this.
    const web = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 2, width: 320, height: 180, fps: 10, faststart: true, name: "web.mp4" });
    const bytes = await readFile(web);
    const cut = await makeTruncated(web, (bytes.indexOf("mdat") + 64) / bytes.length);
    for (const quality of ["fast", "balanced", "best"] as const) {
      await expect(pickFrames(cut, params({ quality }))).rejects.toMatchObject({ code: "CORRUPT", message: expect.stringMatching(/truncated or damaged/) });
    }
  });
});
