import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grabSourceFrame, renderFrame, renderRegion, renderWholeFrame } from "../../worker/media/render";
import { meanAbsDiff } from "../../worker/picker/metrics";
import { makeVideo } from "../helpers/make-video";

let dir: string;
let hd: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fp-render-"));
  hd = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 2, width: 1920, height: 1080, fps: 25, source: "smptebars" });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function grayRegion(image: Buffer, region: { left: number; top: number; width: number; height: number }): Promise<Uint8Array> {
  return new Uint8Array(await sharp(image).extract(region).grayscale().raw().toBuffer());
}

describe("renderFrame", () => {
  it("delivers the source resolution when uncapped, as a JPEG, with a 360 px thumbnail", async () => {
    const out = await renderFrame(hd, 1, { maxLongSide: null, watermark: false, format: "jpeg" });
    expect([out.width, out.height, out.format]).toEqual([1920, 1080, "jpeg"]);
    expect(await sharp(out.image).metadata()).toMatchObject({ format: "jpeg", width: 1920, height: 1080 });
    expect(await sharp(out.thumb).metadata()).toMatchObject({ format: "jpeg", width: 360, height: 203 });
  });

  it("honours the 1280 px long-side cap and never enlarges", async () => {
    const capped = await renderFrame(hd, 1, { maxLongSide: 1280, watermark: false, format: "jpeg" });
    expect(await sharp(capped.image).metadata()).toMatchObject({ width: 1280, height: 720 });
    const small = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 1, width: 640, height: 360, fps: 25 });
    const notEnlarged = await renderFrame(small, 0.5, { maxLongSide: 1280, watermark: false, format: "jpeg" });
    expect([notEnlarged.width, notEnlarged.height]).toEqual([640, 360]);
  });

  it("puts the watermark in the bottom-right corner and nowhere else", async () => {
    const policy = { maxLongSide: 1280, format: "png" } as const;
    const [plain, marked] = await Promise.all([renderFrame(hd, 1, { ...policy, watermark: false }), renderFrame(hd, 1, { ...policy, watermark: true })]);
    const corner = { left: 1280 - 240, top: 720 - 70, width: 240, height: 70 };
    const elsewhere = { left: 0, top: 0, width: 900, height: 500 };
    expect(meanAbsDiff(await grayRegion(plain.image, corner), await grayRegion(marked.image, corner))).toBeGreaterThan(8);
    expect(meanAbsDiff(await grayRegion(plain.image, elsewhere), await grayRegion(marked.image, elsewhere))).toBe(0);
  });

  it("scales the watermark with the image", async () => {
    const small = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 1, width: 640, height: 360, fps: 25, source: "smptebars" });
    const [plain, marked] = await Promise.all([
      renderFrame(small, 0.5, { maxLongSide: null, watermark: false, format: "png" }),
      renderFrame(small, 0.5, { maxLongSide: null, watermark: true, format: "png" }),
    ]);
    // At 640 px the mark fits in the last ~120 × 40 px; the 1280 px corner box above would be half the frame.
    const outside = { left: 0, top: 0, width: 640 - 130, height: 360 };
    expect(meanAbsDiff(await grayRegion(plain.image, outside), await grayRegion(marked.image, outside))).toBe(0);
    const corner = { left: 640 - 125, top: 360 - 40, width: 120, height: 35 };
    expect(meanAbsDiff(await grayRegion(plain.image, corner), await grayRegion(marked.image, corner))).toBeGreaterThan(8);
  });

  it("turns a rotated phone clip upright", async () => {
    const phone = await makeVideo(dir, { codec: "hevc", container: "mov", seconds: 1, width: 640, height: 360, fps: 30, rotate: 90 });
    const out = await renderFrame(phone, 0.5, { maxLongSide: null, watermark: true, format: "jpeg" });
    expect([out.width, out.height]).toEqual([360, 640]);
    const thumb = await sharp(out.thumb).metadata();
    expect(thumb.height).toBe(360);
    expect(thumb.width).toBeLessThan(thumb.height!);
  });

  it("encodes PNG and WebP on request", async () => {
    const png = await renderFrame(hd, 0.5, { maxLongSide: 640, watermark: false, format: "png" });
    const webp = await renderFrame(hd, 0.5, { maxLongSide: 640, watermark: false, format: "webp" });
    expect(await sharp(png.image).metadata()).toMatchObject({ format: "png", width: 640, height: 360 });
    expect(await sharp(webp.image).metadata()).toMatchObject({ format: "webp", width: 640, height: 360 });
  });
});

describe("renderRegion (profile crops)", () => {
  const square = { x: 420, y: 0, width: 1080, height: 1080 };

  it("cuts from the full-resolution frame first, then applies the cap to the crop itself", async () => {
    const frame = await grabSourceFrame(hd, 1);
    expect([frame.width, frame.height]).toEqual([1920, 1080]);
    const uncapped = await renderRegion(frame, square, { maxLongSide: null, watermark: false, format: "png" });
    expect([uncapped.width, uncapped.height]).toEqual([1080, 1080]);
    // A 1280 cap leaves a 1080 px crop alone (the whole frame would have been scaled to 1280 × 720).
    const underCap = await renderRegion(frame, square, { maxLongSide: 1280, watermark: false, format: "png" });
    expect([underCap.width, underCap.height]).toEqual([1080, 1080]);
    const capped = await renderRegion(frame, square, { maxLongSide: 640, watermark: false, format: "jpeg" });
    expect(await sharp(capped.image).metadata()).toMatchObject({ format: "jpeg", width: 640, height: 640 });

    // The crop's pixels are the source's pixels in that region.
    const whole = await renderWholeFrame(frame, { maxLongSide: null, watermark: false, format: "png" });
    const expected = await grayRegion(whole.image, { left: square.x, top: square.y, width: square.width, height: square.height });
    const actual = await grayRegion(uncapped.image, { left: 0, top: 0, width: 1080, height: 1080 });
    expect(meanAbsDiff(actual, expected)).toBe(0);
  });

  it("watermarks the crop in its own bottom-right corner, like the full frame", async () => {
    const frame = await grabSourceFrame(hd, 1);
    const policy = { maxLongSide: 1280, format: "png" } as const;
    const [plain, marked] = await Promise.all([
      renderRegion(frame, square, { ...policy, watermark: false }),
      renderRegion(frame, square, { ...policy, watermark: true }),
    ]);
    const corner = { left: 1080 - 200, top: 1080 - 70, width: 200, height: 70 };
    const elsewhere = { left: 0, top: 0, width: 700, height: 700 };
    expect(meanAbsDiff(await grayRegion(plain.image, corner), await grayRegion(marked.image, corner))).toBeGreaterThan(8);
    expect(meanAbsDiff(await grayRegion(plain.image, elsewhere), await grayRegion(marked.image, elsewhere))).toBe(0);
  });
});
