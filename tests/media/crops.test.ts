/**
 * Profile crops on a real photograph: the face is found (by the picker's boxes or by the detector
 * on the full frame), the crops are cut around it, and the face really is where a profile picture
 * wants it — checked by detecting it again on each delivered crop.
 */
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { CROP_ASPECTS } from "~/core/crops";
import { createFaceDetector, type FaceDetector } from "~/worker/faces/detector";
import { locateCropFace } from "~/worker/media/crop-face";
import { renderCrops } from "~/worker/media/render-crops";
import type { SourceFrame } from "~/worker/media/render";
import { portraitPhoto } from "../helpers/face-video";

let detector: FaceDetector;
/** 1920 × 1080, mid-gray, the portrait (×3: 414 × 420) pasted left of centre. */
let frame: SourceFrame;
const PHOTO = { left: 260, top: 420, width: 414, height: 420 };

beforeAll(async () => {
  detector = await createFaceDetector();
  const pasted = await portraitPhoto().resize({ width: PHOTO.width }).png().toBuffer();
  const { data, info } = await sharp({ create: { width: 1920, height: 1080, channels: 3, background: { r: 128, g: 128, b: 128 } } })
    .composite([{ input: pasted, left: PHOTO.left, top: PHOTO.top }])
    .raw()
    .toBuffer({ resolveWithObject: true });
  frame = { pixels: data, width: info.width, height: info.height, channels: info.channels };
}, 60_000);

const centre = (r: { x: number; y: number; width: number; height: number }) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

describe("locateCropFace", () => {
  it("finds the face on the full frame when the picker did not check this moment", async () => {
    const face = await locateCropFace(frame, { faces: null, analysis: { width: 480, height: 270 } }, detector);
    expect(face).not.toBeNull();
    // The face is in the photo's middle (about 2/3 of its height, from the brow to the chin).
    const c = centre(face!);
    expect(Math.abs(c.x - (PHOTO.left + PHOTO.width / 2))).toBeLessThan(40);
    expect(Math.abs(c.y - (PHOTO.top + PHOTO.height / 2))).toBeLessThan(60);
    expect(face!.height).toBeGreaterThan(PHOTO.height * 0.5);
    expect(face!.height).toBeLessThan(PHOTO.height * 0.85);
  });

  it("reuses the picker's boxes, scaled from analysis pixels, without detecting again", async () => {
    const picked = { x: 80, y: 120, width: 60, height: 64, score: 0.9 };
    const doubtfulButBigger = { x: 300, y: 20, width: 90, height: 90, score: 0.55 };
    const face = await locateCropFace(frame, { faces: [doubtfulButBigger, picked], analysis: { width: 480, height: 270 } }, undefined);
    expect(face).toEqual({ x: 320, y: 480, width: 240, height: 256 });
  });

  it("takes the picker's word when it saw no face", async () => {
    expect(await locateCropFace(frame, { faces: [], analysis: { width: 480, height: 270 } }, detector)).toBeNull();
  });
});

describe("renderCrops", () => {
  it("delivers each aspect exactly, with the face centred and in the upper half", async () => {
    const face = await locateCropFace(frame, { faces: null, analysis: { width: 480, height: 270 } }, detector);
    const crops = await renderCrops(frame, face, { maxLongSide: null, watermark: false, format: "png" });
    expect(crops.map((c) => c.aspect)).toEqual([...CROP_ASPECTS]);
    for (const crop of crops) {
      const ratio = crop.aspect === "1:1" ? 1 : 4 / 5;
      expect(Math.abs(crop.width - crop.height * ratio)).toBeLessThanOrEqual(1);
      const { data, info } = await sharp(crop.image).greyscale().raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([crop.width, crop.height]);
      const seen = await detector.detect(new Uint8Array(data), info.width, info.height);
      expect(seen, crop.aspect).toHaveLength(1);
      const c = centre(seen[0]!);
      expect(Math.abs(c.x / crop.width - 0.5), crop.aspect).toBeLessThan(0.1);
      expect(c.y / crop.height, crop.aspect).toBeLessThan(0.5);
      // Head and shoulders: the face is a sizeable part of the picture, not a speck and not all of it.
      expect(seen[0]!.height / crop.height).toBeGreaterThan(0.25);
      expect(seen[0]!.height / crop.height).toBeLessThan(0.45);
    }
  });

  it("without a face, takes the largest centred crops", async () => {
    const crops = await renderCrops(frame, null, { maxLongSide: null, watermark: false, format: "jpeg" });
    expect(crops.map((c) => [c.aspect, c.width, c.height, c.region.x])).toEqual([
      ["1:1", 1080, 1080, 420],
      ["4:5", 864, 1080, 528],
    ]);
  });
});
