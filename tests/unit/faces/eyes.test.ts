import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaceDetector, type FaceBox } from "../../../worker/faces/detector";
import { CLOSED_AT, createEyeChecker, type EyeChecker, type EyeReading } from "../../../worker/faces/eyes";
import { portraitPhoto } from "../../helpers/face-video";

/** The portrait 280 px wide (280 × 284): the eyes sit in these boxes, found by looking at it. */
const WIDTH = 280;
const EYES = [
  { left: 74, top: 86, width: 46, height: 26 },
  { left: 154, top: 84, width: 46, height: 26 },
] as const;
/** Bare cheek below each eye, for the skin colour that paints the lids shut. */
const CHEEKS = [
  { left: 84, top: 126, width: 20, height: 14 },
  { left: 168, top: 124, width: 20, height: 14 },
] as const;

interface RgbImage {
  rgb: Uint8Array;
  width: number;
  height: number;
}

async function raw(png: Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { rgb: new Uint8Array(data), width: info.width, height: info.height };
}

/** Mean colour of a region of an RGB image. */
function meanColour(image: RgbImage, region: { left: number; top: number; width: number; height: number }): string {
  const sum = [0, 0, 0];
  for (let y = region.top; y < region.top + region.height; y++) {
    for (let x = region.left; x < region.left + region.width; x++) {
      for (let c = 0; c < 3; c++) sum[c]! += image.rgb[(y * image.width + x) * 3 + c] ?? 0;
    }
  }
  return `rgb(${sum.map((v) => Math.round(v / (region.width * region.height))).join(",")})`;
}

/** The portrait with each eye covered by its cheek's mean colour and a dark lash line across: a shut eye. */
async function shutEyes(png: Buffer, image: RgbImage): Promise<Buffer> {
  const layers = EYES.map((eye, i) => {
    const skin = meanColour(image, CHEEKS[i]!);
    const lash = `<path d="M4 ${eye.height * 0.55} Q ${eye.width / 2} ${eye.height * 0.75} ${eye.width - 4} ${eye.height * 0.55}" stroke="rgb(60,45,40)" stroke-width="2" fill="none"/>`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${eye.width}" height="${eye.height}"><ellipse cx="${eye.width / 2}" cy="${eye.height / 2}" rx="${eye.width / 2}" ry="${eye.height / 2}" fill="${skin}"/>${lash}</svg>`;
    return { input: Buffer.from(svg), left: eye.left, top: eye.top };
  });
  return sharp(png).composite(layers).png().toBuffer();
}

const toGray = (image: RgbImage) => Uint8Array.from({ length: image.width * image.height }, (_, i) => image.rgb[i * 3 + 1] ?? 0);

let checker: EyeChecker;
let open: RgbImage;
let shut: RgbImage;
let face: FaceBox;

beforeAll(async () => {
  const png = await portraitPhoto().resize({ width: WIDTH }).png().toBuffer();
  open = await raw(png);
  shut = await raw(await shutEyes(png, open));
  const faces = await (await createFaceDetector()).detect(toGray(open), open.width, open.height);
  expect(faces).toHaveLength(1);
  face = faces[0]!;
  checker = await createEyeChecker();
}, 60_000);

afterAll(() => checker?.dispose());

const check = (image: RgbImage, box: FaceBox) => checker.check(image.rgb, image.width, image.height, box);

describe("eye checker", () => {
  it("reads open eyes as open and a frontal face as frontal, looking at the camera", async () => {
    const reading = (await check(open, face)) as EyeReading;
    expect(reading).not.toBeNull();
    expect(reading.open).toBe(1);
    for (const eye of [reading.left, reading.right]) {
      expect(eye.openness).toBeGreaterThan(0.28);
      // Each eye is about 30 px of this 280 px portrait.
      expect(eye.width).toBeGreaterThan(20);
      expect(eye.width).toBeLessThan(45);
    }
    expect(reading.frontal).toBeGreaterThan(0.9);
    expect(Math.abs(reading.gaze)).toBeLessThan(0.05);
    expect(reading.meshScore).toBeGreaterThan(0.9);
  });

  it("reads the same face with its eyes painted shut as closed", async () => {
    const before = (await check(open, face)) as EyeReading;
    const after = (await check(shut, face)) as EyeReading;
    expect(after).not.toBeNull();
    expect(after.ratio).toBeLessThan(CLOSED_AT + 0.02);
    expect(after.ratio).toBeLessThan(before.ratio - 0.1);
    expect(after.open).toBeLessThan(0.3);
  });

  it("gives the same reading wherever the face sits in a larger frame (the crop is around the box)", async () => {
    const png = await portraitPhoto().resize({ width: WIDTH }).png().toBuffer();
    const frame = await raw(
      await sharp({ create: { width: 1280, height: 720, channels: 3, background: { r: 128, g: 128, b: 128 } } })
        .composite([{ input: png, left: 900, top: 300 }])
        .png()
        .toBuffer(),
    );
    const moved = (await check(frame, { ...face, x: face.x + 900, y: face.y + 300 })) as EyeReading;
    const here = (await check(open, face)) as EyeReading;
    expect(moved.ratio).toBeCloseTo(here.ratio, 2);
    expect(moved.left.width).toBeCloseTo(here.left.width, 0);
  });

  it("finds no face in a box over the background", async () => {
    // The top-right corner of the portrait: wall and window, no face.
    expect(await check(open, { x: 200, y: 0, width: 80, height: 80, score: 1 })).toBeNull();
  });

  it("reads a gray frame as the same frame in RGB with equal channels (the worker analyses gray)", async () => {
    const gray = toGray(open);
    const equalChannels = new Uint8Array(gray.length * 3).map((_, i) => gray[Math.floor(i / 3)]!);
    const fromGray = (await checker.check(gray, open.width, open.height, face)) as EyeReading;
    const fromRgb = (await checker.check(equalChannels, open.width, open.height, face)) as EyeReading;
    expect(fromGray.open).toBe(1);
    expect(fromGray.ratio).toBeCloseTo(fromRgb.ratio, 6);
  });

  it("refuses a buffer that does not match the size", async () => {
    await expect(checker.check(open.rgb.subarray(3), open.width, open.height, face)).rejects.toThrow(RangeError);
  });
});
