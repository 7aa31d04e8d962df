import sharp, { type OverlayOptions } from "sharp";
import { STORYBOARD_LAYOUT, type StoryboardTile } from "~/core/storyboard";
import { textImage } from "../media/text-image";
import { watermarkLayers } from "../media/watermark";
import type { TilePicture } from "./collect-tiles";
import { sheetLayout, tileLabel } from "./layout";

const BACKGROUND = { r: 24, g: 24, b: 27 }; // zinc-900: pictures read best on dark
const LABEL_POINTS = 15;
const JPEG_QUALITY = 82;

/**
 * The sheet as a JPEG: the tiles in time order on a dark ground, each with its time underneath,
 * and the plan's watermark once in the corner where the owner's frames carry one.
 */
export async function composeSheet(
  pictures: readonly TilePicture[],
  tile: { width: number; height: number },
  watermark: boolean,
): Promise<{ image: Buffer; width: number; height: number; tiles: StoryboardTile[] }> {
  const layout = sheetLayout(
    pictures.map((p) => p.timestampSec),
    tile,
  );
  const labels = await Promise.all(layout.tiles.map((t) => textImage(`<span foreground="#e4e4e7">${tileLabel(t.timestampSec)}</span>`, LABEL_POINTS)));
  const layers: OverlayOptions[] = [];
  for (const [i, placed] of layout.tiles.entries()) {
    layers.push({ input: Buffer.from(pictures[i]!.pixels.buffer, pictures[i]!.pixels.byteOffset, pictures[i]!.pixels.byteLength), raw: { width: tile.width, height: tile.height, channels: 3 }, left: placed.x, top: placed.y });
    const label = await sharp(labels[i]).metadata();
    layers.push({
      input: labels[i],
      left: placed.x + Math.max(0, Math.round((tile.width - (label.width ?? 0)) / 2)),
      top: placed.y + tile.height + Math.max(0, Math.round((STORYBOARD_LAYOUT.labelHeight - (label.height ?? 0)) / 2)),
    });
  }
  if (watermark) layers.push(...(await watermarkLayers(layout.width, layout.height)));
  const image = await sharp({ create: { width: layout.width, height: layout.height, channels: 3, background: BACKGROUND } })
    .composite(layers)
    .jpeg({ quality: JPEG_QUALITY })
    .toBuffer();
  return { image, width: layout.width, height: layout.height, tiles: layout.tiles };
}
