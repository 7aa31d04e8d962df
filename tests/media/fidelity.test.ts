import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PICK_QUALITIES, type PickParams } from "../../core/pick-params";
import { psnr } from "../../worker/media/fidelity";
import { renderFrame } from "../../worker/media/render";
import { pickFrames } from "../../worker/picker/pick";
import { imageGray, seekedGray, sequentialGray, withDamagedData, withFakeSyncSamples } from "../helpers/damage";
import { makeTruncated, makeVideo } from "../helpers/make-video";

/**
 * Every delivered frame is the true picture at its timestamp: what decoding the whole video from
 * its start shows there (PSNR ≥ 30 dB at analysis size), on clips that reproduce the ways a seek
 * or a decoder can hand back something else.
 */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fp-fidelity-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TRUE_PICTURE_DB = 30;
const params = (quality: PickParams["quality"]): PickParams => ({ mode: "action", quality, count: 3, minIntervalSec: 1 });

/** Picks at each preset, renders each pick as the worker does, and compares it with the sequential decode. */
async function expectTruePictures(file: string, { reference = file, qualities = PICK_QUALITIES }: { reference?: string; qualities?: readonly PickParams["quality"][] } = {}): Promise<number> {
  let delivered = 0;
  for (const quality of qualities) {
    const { picks, analysis } = await pickFrames(file, params(quality));
    expect(picks.length).toBeGreaterThan(0);
    for (const pick of picks) {
      const { image } = await renderFrame(file, pick.timestampSec, { maxLongSide: null, watermark: false, format: "png" }, { expectedThumb: pick.thumb });
      const shown = await imageGray(image, analysis.width, analysis.height);
      const truth = await sequentialGray(reference, pick.timestampSec, analysis.width, analysis.height);
      expect(psnr(shown, truth), `${quality} pick at ${pick.timestampSec.toFixed(3)} s`).toBeGreaterThanOrEqual(TRUE_PICTURE_DB);
      delivered++;
    }
  }
  return delivered;
}

describe("delivered frames are the true picture", () => {
  it("when the container calls predicted frames keyframes (an edited sync-sample table)", async () => {
    // MPEG-4 Part 2 shows what it decoded from a missing reference: gray blocks and smears.
    const base = await makeVideo(dir, { codec: "mpeg4", container: "mp4", seconds: 12, width: 640, height: 360, fps: 20, gop: 80 });
    const file = await withFakeSyncSamples(base, 7);

    // The clip reproduces the fault: a plain seek to 3.2 s gives garbage, not the picture.
    expect(psnr(await seekedGray(file, 3.2, 320, 180), await sequentialGray(file, 3.2, 320, 180))).toBeLessThan(20);

    expect(await expectTruePictures(file)).toBe(9);
  });

  it("when a seek lands where the decoder can output nothing at all (VP9 refuses frames without their references)", async () => {
    const base = await makeVideo(dir, { codec: "vp9", container: "mp4", seconds: 4, width: 320, height: 240, fps: 15, gop: 1000 });
    const file = await withFakeSyncSamples(base, 7);
    const last = 59 / 15;
    const frame = await renderFrame(file, last, { maxLongSide: null, watermark: false, format: "png" });
    expect(psnr(await imageGray(frame.image, 160, 120), await sequentialGray(file, last, 160, 120))).toBeGreaterThanOrEqual(TRUE_PICTURE_DB);
  });

  it("when picture data is damaged in place: no concealed frame is picked", async () => {
    const clean = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 8, width: 640, height: 360, fps: 25, gop: 50, name: "clean.mp4" });
    const damaged = await withDamagedData(clean, [0.35, 0.6]);
    // Compared with the undamaged original: a pick from the concealed stretch would differ.
    await expectTruePictures(damaged, { reference: clean });
  });

  it("for an XviD AVI with B-frames, where even a seek to 0 skips the first keyframe", async () => {
    const file = await makeVideo(dir, { codec: "mpeg4", container: "avi", seconds: 3, width: 400, height: 300, fps: 25, bframes: 2 });
    // The clip reproduces the fault: "could not seek to position 0", then a gray predicted frame.
    expect(psnr(await seekedGray(file, 0, 200, 150), await sequentialGray(file, 0, 200, 150))).toBeLessThan(20);
    await expectTruePictures(file);
  });

  it("when the stream is cut short", async () => {
    const whole = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 8, width: 640, height: 360, fps: 25, faststart: true, name: "whole.mp4" });
    const cut = await makeTruncated(whole, 0.6);
    await expectTruePictures(cut, { reference: whole });
  });

  // Formats that decode cleanly: one preset each is enough to show the render lands on the right frame.
  it("for H.264 High 4:4:4 Predictive", async () => {
    await expectTruePictures(await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 6, width: 640, height: 360, fps: 20, chroma444: true }), { qualities: ["balanced"] });
  });

  it("for a variable frame rate", async () => {
    await expectTruePictures(await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 6, width: 640, height: 360, fps: 30, vfr: true }), { qualities: ["best"] });
  });
});
