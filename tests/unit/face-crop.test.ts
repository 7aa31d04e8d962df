import { describe, expect, it } from "vitest";
import { CROP_ASPECTS, type CropAspect, type PixelRect } from "~/core/crops";
import { EYES_IN_CROP, EYES_IN_FACE, FACE_SHARE_OF_CROP, MIN_CROP_HEIGHT_PX, faceCrop } from "~/worker/media/face-crop";

const RATIO: Record<CropAspect, number> = { "1:1": 1, "4:5": 4 / 5 };

/** What every crop must be: whole pixels, inside the image, the exact aspect to within a pixel. */
function expectWellFormed(crop: PixelRect, image: { width: number; height: number }, aspect: CropAspect) {
  for (const v of [crop.x, crop.y, crop.width, crop.height]) expect(Number.isInteger(v)).toBe(true);
  expect(crop.width).toBeGreaterThanOrEqual(1);
  expect(crop.height).toBeGreaterThanOrEqual(1);
  expect(crop.x).toBeGreaterThanOrEqual(0);
  expect(crop.y).toBeGreaterThanOrEqual(0);
  expect(crop.x + crop.width).toBeLessThanOrEqual(image.width);
  expect(crop.y + crop.height).toBeLessThanOrEqual(image.height);
  expect(Math.abs(crop.width - crop.height * RATIO[aspect])).toBeLessThanOrEqual(1);
}

const centreX = (r: PixelRect) => r.x + r.width / 2;
const eyesY = (face: PixelRect) => face.y + face.height * EYES_IN_FACE;

describe("faceCrop without a face", () => {
  it("takes the largest centred crop of a landscape frame", () => {
    const image = { width: 1920, height: 1080 };
    expect(faceCrop(image, null, "1:1")).toEqual({ x: 420, y: 0, width: 1080, height: 1080 });
    expect(faceCrop(image, null, "4:5")).toEqual({ x: 528, y: 0, width: 864, height: 1080 });
  });

  it("takes the largest centred crop of a portrait frame", () => {
    const image = { width: 1080, height: 1920 };
    expect(faceCrop(image, null, "1:1")).toEqual({ x: 0, y: 420, width: 1080, height: 1080 });
    expect(faceCrop(image, null, "4:5")).toEqual({ x: 0, y: 285, width: 1080, height: 1350 });
  });

  it("treats a face box entirely outside the image as no face", () => {
    const image = { width: 640, height: 480 };
    expect(faceCrop(image, { x: 700, y: 10, width: 50, height: 60 }, "1:1")).toEqual(faceCrop(image, null, "1:1"));
  });
});

describe("faceCrop around a face", () => {
  it("frames head and shoulders: face about a third of the height, centred, eyes at 38 %", () => {
    const image = { width: 1920, height: 1080 };
    const face = { x: 700, y: 300, width: 200, height: 240 };
    for (const aspect of CROP_ASPECTS) {
      const crop = faceCrop(image, face, aspect);
      expectWellFormed(crop, image, aspect);
      expect(face.height / crop.height).toBeCloseTo(FACE_SHARE_OF_CROP, 2);
      expect(Math.abs(centreX(crop) - centreX(face))).toBeLessThanOrEqual(1);
      expect((eyesY(face) - crop.y) / crop.height).toBeCloseTo(EYES_IN_CROP, 2);
      // The whole face is in the picture.
      expect(crop.x).toBeLessThanOrEqual(face.x);
      expect(crop.x + crop.width).toBeGreaterThanOrEqual(face.x + face.width);
      expect(crop.y).toBeLessThanOrEqual(face.y);
      expect(crop.y + crop.height).toBeGreaterThanOrEqual(face.y + face.height);
    }
  });

  it("slides inside the image at an edge instead of shrinking", () => {
    const image = { width: 1920, height: 1080 };
    const face = { x: 0, y: 350, width: 180, height: 210 };
    const away = faceCrop(image, { ...face, x: 800 }, "4:5");
    const atEdge = faceCrop(image, face, "4:5");
    expectWellFormed(atEdge, image, "4:5");
    expect([atEdge.width, atEdge.height]).toEqual([away.width, away.height]);
    expect(atEdge.x).toBe(0);
    expect(atEdge.y).toBe(away.y);
  });

  it("slides inside at a corner, on both axes", () => {
    const image = { width: 1280, height: 720 };
    const face = { x: 1150, y: 600, width: 130, height: 120 };
    for (const aspect of CROP_ASPECTS) {
      const crop = faceCrop(image, face, aspect);
      expectWellFormed(crop, image, aspect);
      expect(crop.x + crop.width).toBe(image.width);
      expect(crop.y + crop.height).toBe(image.height);
      expect(face.height / crop.height).toBeCloseTo(FACE_SHARE_OF_CROP, 2);
    }
  });

  it("near the top, keeps the framing's size and the face as high as the image allows", () => {
    const image = { width: 1920, height: 1080 };
    const face = { x: 900, y: 10, width: 150, height: 180 };
    const crop = faceCrop(image, face, "1:1");
    expectWellFormed(crop, image, "1:1");
    expect(crop.y).toBe(0);
    expect(face.height / crop.height).toBeCloseTo(FACE_SHARE_OF_CROP, 2);
    expect(Math.abs(centreX(crop) - centreX(face))).toBeLessThanOrEqual(1);
  });

  it("does not shrink to a thumbnail around a tiny face, and keeps it centred", () => {
    const image = { width: 3840, height: 2160 };
    const face = { x: 1000, y: 900, width: 12, height: 14 };
    for (const aspect of CROP_ASPECTS) {
      const crop = faceCrop(image, face, aspect);
      expectWellFormed(crop, image, aspect);
      expect(crop.height).toBeGreaterThanOrEqual(Math.round(2160 / 3));
      expect(Math.abs(centreX(crop) - centreX(face))).toBeLessThanOrEqual(1);
      expect((eyesY(face) - crop.y) / crop.height).toBeCloseTo(EYES_IN_CROP, 2);
    }
  });

  it("on a small source, a tiny face gets the floor size or the whole height", () => {
    const hd = faceCrop({ width: 1280, height: 720 }, { x: 600, y: 300, width: 10, height: 10 }, "1:1");
    expect(hd.height).toBe(MIN_CROP_HEIGHT_PX);
    const small = faceCrop({ width: 320, height: 240 }, { x: 150, y: 100, width: 6, height: 6 }, "1:1");
    expect(small).toMatchObject({ width: 240, height: 240 });
  });

  it("takes the largest crop when the face is larger than the frame allows, still on the face", () => {
    const image = { width: 1920, height: 1080 };
    const face = { x: 1200, y: 100, width: 600, height: 800 };
    for (const aspect of CROP_ASPECTS) {
      const crop = faceCrop(image, face, aspect);
      expectWellFormed(crop, image, aspect);
      expect(crop.height).toBe(1080);
      expect(crop.y).toBe(0);
      // As close to the face's centre as the right edge allows.
      const ideal = centreX(face) - crop.width / 2;
      expect(crop.x).toBe(Math.min(Math.round(ideal), image.width - crop.width));
    }
  });

  it("in a narrow portrait frame, a big face takes the full width", () => {
    const image = { width: 720, height: 1280 };
    const face = { x: 100, y: 200, width: 500, height: 560 };
    const crop = faceCrop(image, face, "4:5");
    expectWellFormed(crop, image, "4:5");
    expect(crop).toMatchObject({ x: 0, width: 720, height: 900 });
    expect((eyesY(face) - crop.y) / crop.height).toBeCloseTo(EYES_IN_CROP, 2);
  });

  it("uses only the visible part of a box that reaches past the frame", () => {
    const image = { width: 1920, height: 1080 };
    const crop = faceCrop(image, { x: -100, y: 300, width: 300, height: 240 }, "1:1");
    expectWellFormed(crop, image, "1:1");
    expect(crop.x).toBe(0);
  });

  it("is well formed for odd sizes and any face position", () => {
    // A fixed pseudo-random walk over sizes, faces and aspects: the same cases every run.
    let seed = 12345;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 2000; i++) {
      const image = { width: 1 + Math.floor(next() * 2500), height: 1 + Math.floor(next() * 2500) };
      const face = {
        x: next() * image.width * 1.1 - image.width * 0.05,
        y: next() * image.height * 1.1 - image.height * 0.05,
        width: 1 + next() * image.width * 0.6,
        height: 1 + next() * image.height * 0.6,
      };
      for (const aspect of CROP_ASPECTS) {
        expectWellFormed(faceCrop(image, next() < 0.1 ? null : face, aspect), image, aspect);
      }
    }
    expectWellFormed(faceCrop({ width: 641, height: 359 }, { x: 320, y: 100, width: 61, height: 73 }, "4:5"), { width: 641, height: 359 }, "4:5");
    expectWellFormed(faceCrop({ width: 1, height: 1 }, null, "4:5"), { width: 1, height: 1 }, "4:5");
  });

  it("refuses an image without pixels", () => {
    expect(() => faceCrop({ width: 0, height: 100 }, null, "1:1")).toThrow(RangeError);
    expect(() => faceCrop({ width: 10.5, height: 100 }, null, "1:1")).toThrow(RangeError);
  });
});
