import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import sharp, { type Sharp } from "sharp";
import type * as TfCore from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createFaceDetector, type FaceBox, type FaceDetector } from "../../../worker/faces/detector";
import { HUMAN_ASSETS, portraitPhoto } from "../../helpers/face-video";

const require = createRequire(import.meta.url);
/** A thumbnail of two women and a man standing side by side. */
const trio = () => sharp(path.join(HUMAN_ASSETS, "samples.jpg")).extract({ left: 1130, top: 0, width: 150, height: 158 });
/** Legs, shoes and a mosaic floor from a party photo: skin and texture, no face. */
const legs = () => sharp(path.join(HUMAN_ASSETS, "samples.jpg")).extract({ left: 400, top: 900, width: 600, height: 258 });

interface GrayImage {
  gray: Uint8Array;
  width: number;
  height: number;
}

async function toGray(image: Sharp): Promise<GrayImage> {
  const { data, info } = await image.greyscale().raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(1);
  return { gray: new Uint8Array(data), width: info.width, height: info.height };
}

/** A frame of the given size, mid-gray, with `photo` pasted at (left, top) — like a face in a video frame. */
async function frameWith(photo: Sharp, width: number, height: number, left: number, top: number) {
  const pasted = await photo.png().toBuffer();
  const canvas = sharp({ create: { width, height, channels: 3, background: { r: 128, g: 128, b: 128 } } });
  return toGray(sharp(await canvas.composite([{ input: pasted, left, top }]).png().toBuffer()));
}

function lavfiFrame(source: string, width: number, height: number): GrayImage {
  const raw = execFileSync("ffmpeg", [
    "-loglevel", "error", "-f", "lavfi", "-i", `${source}=size=${width}x${height}`,
    "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-",
  ]);
  return { gray: new Uint8Array(raw), width, height };
}

const detect = (image: GrayImage) => detector.detect(image.gray, image.width, image.height);
const centre = (box: FaceBox) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

let detector: FaceDetector;
beforeAll(async () => {
  detector = await createFaceDetector();
}, 30_000);

describe("face detector", () => {
  it("finds exactly one face, with a plausible box, in a portrait", async () => {
    const image = await toGray(portraitPhoto().resize({ width: 320 }));
    const faces = await detect(image);

    expect(faces).toHaveLength(1);
    const [face] = faces as [FaceBox];
    const share = (face.width * face.height) / (image.width * image.height);
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.6);
    // The face sits in the middle of this photo, not at an edge.
    expect(centre(face).x / image.width).toBeGreaterThan(0.3);
    expect(centre(face).x / image.width).toBeLessThan(0.7);
    expect(centre(face).y / image.height).toBeGreaterThan(0.3);
    expect(centre(face).y / image.height).toBeLessThan(0.7);
    expect(face.score).toBeGreaterThan(0.5);
    expect(face.score).toBeLessThanOrEqual(1);
  });

  it("reports the face where it is in a landscape frame", async () => {
    // Portrait 200 px wide pasted at the right of a 640×360 frame.
    const image = await frameWith(portraitPhoto().resize({ width: 200 }), 640, 360, 420, 100);
    const faces = await detect(image);

    expect(faces).toHaveLength(1);
    const { x, y } = centre(faces[0] as FaceBox);
    expect(x).toBeGreaterThan(420 + 40);
    expect(x).toBeLessThan(420 + 160);
    expect(y).toBeGreaterThan(100 + 40);
    expect(y).toBeLessThan(100 + 160);
  });

  it("reports the face where it is in a portrait-orientation frame", async () => {
    // Portrait 200 px wide pasted low in a 360×640 phone frame.
    const image = await frameWith(portraitPhoto().resize({ width: 200 }), 360, 640, 60, 400);
    const faces = await detect(image);

    expect(faces).toHaveLength(1);
    const face = faces[0] as FaceBox;
    expect(centre(face).x).toBeGreaterThan(60 + 40);
    expect(centre(face).x).toBeLessThan(60 + 160);
    expect(centre(face).y).toBeGreaterThan(400 + 40);
    expect(centre(face).y).toBeLessThan(400 + 160);
    expect(face.y + face.height).toBeLessThanOrEqual(640);
  });

  it("finds each person in a group photo inside a 16:9 frame", async () => {
    // A wide frame must not squash faces out of shape (the model itself sees a square).
    const faces = await detect(await frameWith(trio().resize({ width: 320 }), 600, 338, 140, 0));

    expect(faces).toHaveLength(3);
    // Three people side by side: three separate boxes, left to right, none on top of another.
    const xs = faces.map((face) => centre(face).x).sort((a, b) => a - b);
    expect(xs[1]! - xs[0]!).toBeGreaterThan(30);
    expect(xs[2]! - xs[1]!).toBeGreaterThan(30);
  });

  it("finds no face in a photo without one", async () => {
    expect(await detect(await toGray(legs().resize({ width: 480 })))).toEqual([]);
  });

  it("finds no face in synthetic patterns", async () => {
    for (const source of ["mandelbrot", "testsrc2", "cellauto", "gradients"]) {
      expect(await detect(lavfiFrame(source, 480, 270)), source).toEqual([]);
    }
    const flat = { gray: new Uint8Array(320 * 240).fill(128), width: 320, height: 240 };
    expect(await detect(flat)).toEqual([]);
  });

  it("finds no face once the portrait is blurred to nothing", async () => {
    const sharpPortrait = await portraitPhoto().resize({ width: 320 }).png().toBuffer();
    expect(await detect(await toGray(sharp(sharpPortrait).blur(20)))).toEqual([]);
  });

  it("keeps results apart when frames are detected at the same time", async () => {
    const [withFace, withoutFace] = await Promise.all([
      toGray(portraitPhoto().resize({ width: 320 })),
      toGray(legs().resize({ width: 480 })),
    ]);
    const results = await Promise.all([detect(withFace), detect(withoutFace), detect(withFace)]);

    expect(results.map((faces) => faces.length)).toEqual([1, 0, 1]);
  });

  it("loads the model once per process", async () => {
    expect(await createFaceDetector()).toBe(detector);
  });

  it("rejects a buffer that does not match the given size", async () => {
    await expect(detector.detect(new Uint8Array(100), 20, 20)).rejects.toThrow(RangeError);
    await expect(detector.detect(new Uint8Array(0), 0, 0)).rejects.toThrow(RangeError);
  });

  it("does not leak tensor memory across frames", async () => {
    const tf = require("@tensorflow/tfjs-core") as typeof TfCore;
    const image = await toGray(portraitPhoto().resize({ width: 320 }));
    await detect(image);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await detect(image);
    expect(tf.memory().numTensors).toBe(before);
  });
});
