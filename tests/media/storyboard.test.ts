import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORYBOARD_LAYOUT } from "../../core/storyboard";
import { probeVideo } from "../../worker/media/probe";
import { collectTiles, type TilePicture } from "../../worker/storyboard/collect-tiles";
import { composeSheet } from "../../worker/storyboard/compose-sheet";
import { tileSize } from "../../worker/storyboard/layout";
import { frameIndexLuma, makeVideo } from "../helpers/make-video";

/**
 * The storyboard's tiles on real ffmpeg output. The frame-index source paints frame n with its own
 * gray level, so a tile's brightness says which frame it shows: each must be the true picture at
 * its time, inside its own stretch of the video, whatever the GOP.
 */
let dir: string;
const fps = 25;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fp-storyboard-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** RGB of the limited-range luma painted on the frame at time t. */
const expectedLevel = (t: number) => ((frameIndexLuma(Math.round(t * fps)) - 16) * 255) / 219;
const meanOf = (p: TilePicture) => p.pixels.reduce((sum, v) => sum + v, 0) / p.pixels.length;

async function tilesOf(gop: number) {
  const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 12, width: 320, height: 180, fps, source: "frame-index", gop, name: `index-gop${gop}.mp4` });
  const probe = await probeVideo(file);
  return collectTiles(file, probe, 4, tileSize(probe.width, probe.height));
}

describe("a storyboard's tiles", () => {
  it.each([
    ["keyframes every second: the keyframe nearest each stretch's middle", 25],
    ["one keyframe in 12 s: a pass over the stretches fills them", 1000],
  ])("%s, each the true picture at its time", async (_, gop) => {
    const tiles = await tilesOf(gop);
    expect(tiles).toHaveLength(4);
    tiles.forEach((tile, i) => {
      expect(tile.timestampSec).toBeGreaterThanOrEqual(i * 3 - 1e-6);
      expect(tile.timestampSec).toBeLessThan((i + 1) * 3);
      expect(tile.pixels).toHaveLength(320 * 180 * 3);
      expect(Math.abs(meanOf(tile) - expectedLevel(tile.timestampSec)), `tile ${i} at ${tile.timestampSec} s`).toBeLessThan(4);
    });
    // With a keyframe every second, the one nearest each middle (1.5, 4.5 … s; the earlier on a tie).
    if (gop === 25) expect(tiles.map((t) => Math.round(t.timestampSec))).toEqual([1, 4, 7, 10]);
  });
});

describe("a storyboard sheet", () => {
  it("places every tile where its record says, with its time underneath, and the plan's mark only when asked", async () => {
    const tiles = await tilesOf(25);
    const tile = { width: 320, height: 180 };
    const plain = await composeSheet(tiles, tile, false);
    const marked = await composeSheet(tiles, tile, true);
    expect(await sharp(plain.image).metadata()).toMatchObject({ format: "jpeg", width: plain.width, height: plain.height });
    expect(plain.tiles.map((t) => t.timestampSec)).toEqual(tiles.map((t) => t.timestampSec));

    const raw = await sharp(plain.image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const region = (x: number, y: number, w: number, h: number) => {
      const values: number[] = [];
      for (let row = y; row < y + h; row++) for (let col = x; col < x + w; col++) values.push(raw.data[(row * raw.info.width + col) * 3]!);
      return { mean: values.reduce((a, b) => a + b, 0) / values.length, max: Math.max(...values), min: Math.min(...values) };
    };
    plain.tiles.forEach((placed, i) => {
      // The tile's middle shows its picture (JPEG keeps a flat gray within a few levels)…
      const inside = region(placed.x + 40, placed.y + 30, placed.width - 80, placed.height - 60);
      expect(Math.abs(inside.mean - expectedLevel(placed.timestampSec)), `tile ${i}`).toBeLessThan(6);
      // …and the strip under it carries light text on the dark ground.
      const label = region(placed.x, placed.y + placed.height, placed.width, STORYBOARD_LAYOUT.labelHeight);
      expect(label.max - label.min, `label ${i}`).toBeGreaterThan(100);
    });

    const corner = async (image: Buffer) =>
      sharp(image).extract({ left: plain.width - 120, top: plain.height - 50, width: 120, height: 50 }).greyscale().raw().toBuffer();
    const [plainCorner, markedCorner] = await Promise.all([corner(plain.image), corner(marked.image)]);
    const brightest = (b: Buffer) => Math.max(...b);
    expect(brightest(markedCorner)).toBeGreaterThan(brightest(plainCorner) + 100);
  });
});
