import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import sharp, { type OverlayOptions } from "sharp";
import { ensureFontCacheDir } from "./font-cache";

/**
 * The small "FramePicker" mark on free-tier frames: white text on a translucent dark pill in the
 * bottom-right corner, about 12 % of the long side wide. Text is drawn with Pango from a font FILE
 * (Geist, shipped in the `geist` package, or WATERMARK_FONT_FILE) because Lambda has no system
 * fonts; without either, Pango falls back to whatever sans-serif fontconfig finds.
 */
const TEXT = "FramePicker";
const WIDTH_SHARE = 0.12;
const MIN_TEXT_WIDTH = 40;

let textImage: Promise<Buffer> | undefined;

export function watermarkFontFile(): string | null {
  const fromEnv = process.env.WATERMARK_FONT_FILE;
  if (fromEnv) return fromEnv;
  try {
    const sansEntry = createRequire(import.meta.url).resolve("geist/font/sans");
    const file = join(dirname(sansEntry), "fonts", "geist-sans", "Geist-SemiBold.ttf");
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** Rendered once per process, large, then scaled down per frame. */
function largeText(): Promise<Buffer> {
  textImage ??= (() => {
    ensureFontCacheDir();
    const fontfile = watermarkFontFile();
    return sharp({
      text: {
        text: `<span foreground="#ffffff" fgalpha="88%">${TEXT}</span>`,
        font: fontfile ? "Geist SemiBold 120" : "sans-serif bold 120",
        ...(fontfile ? { fontfile } : {}),
        rgba: true,
        dpi: 72,
      },
    })
      .png()
      .toBuffer();
  })();
  return textImage;
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
