import sharp, { type OverlayOptions } from "sharp";
import { textImage } from "./text-image";

/**
 * The small "FramePicker" mark on free-tier frames: white text on a translucent dark pill in the
 * bottom-right corner, about 12 % of the long side wide, in the worker's font (text-image.ts).
 */
const TEXT = "FramePicker";
const WIDTH_SHARE = 0.12;
const MIN_TEXT_WIDTH = 40;

let largeTextImage: Promise<Buffer> | undefined;

/** Rendered once per process, large, then scaled down per frame. */
function largeText(): Promise<Buffer> {
  largeTextImage ??= textImage(`<span foreground="#ffffff" fgalpha="88%">${TEXT}</span>`, 120);
  return largeTextImage;
}

/** Composite layers placing the mark on an image of this size; empty when the image is too small to carry it. */
export async function watermarkLayers(width: number, height: number): Promise<OverlayOptions[]> {
  const longSide = Math.max(width, height);
  const textWidth = Math.min(Math.round(longSide * WIDTH_SHARE), Math.floor(width * 0.5));
  if (textWidth < MIN_TEXT_WIDTH) return [];
  const { data: text, info } = await sharp(await largeText()).resize({ width: textWidth }).png().toBuffer({ resolveWithObject: true });
  const padX = Math.round(info.height * 0.55);
  const padY = Math.round(info.height * 0.35);
  const pillWidth = info.width + 2 * padX;
  const pillHeight = info.height + 2 * padY;
  const margin = Math.max(4, Math.round(longSide * 0.018));
  const left = Math.max(0, width - pillWidth - margin);
  const top = Math.max(0, height - pillHeight - margin);
  const pill = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${pillWidth}" height="${pillHeight}">` +
      `<rect width="100%" height="100%" rx="${pillHeight / 2}" fill="#000" fill-opacity="0.32"/></svg>`,
  );
  return [
    { input: pill, left, top },
    { input: text, left: left + padX, top: top + padY },
  ];
}
