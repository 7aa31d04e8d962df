import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import sharp from "sharp";
import { ensureFontCacheDir } from "./font-cache";

/**
 * The font the worker draws text with (the watermark, the storyboard's times): a font FILE, Geist
 * from the `geist` package or WATERMARK_FONT_FILE (the artefact's copy), because Lambda has no
 * system fonts; without either, Pango falls back to whatever sans-serif fontconfig finds.
 */
export function textFontFile(): string | null {
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

/** Pango markup drawn on transparency in the worker's font, as a PNG. */
export function textImage(markup: string, pointSize: number): Promise<Buffer> {
  ensureFontCacheDir();
  const fontfile = textFontFile();
  return sharp({
    text: {
      text: markup,
      font: fontfile ? `Geist SemiBold ${pointSize}` : `sans-serif bold ${pointSize}`,
      ...(fontfile ? { fontfile } : {}),
      rgba: true,
      dpi: 72,
    },
  })
    .png()
    .toBuffer();
}
