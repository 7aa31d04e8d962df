/**
 * No-reference blur estimate after Crété-Roffet et al., "The blur effect: perception and
 * estimation with a new no-reference perceptual blur metric" (2007). The image is blurred again
 * with a 1×9 box filter; a sharp image loses much of its neighbour-to-neighbour variation, an
 * already blurred one hardly any. The ratio compares an image with ITSELF, so unlike the
 * Laplacian variance it hardly depends on how much texture the scene has.
 *
 * Measured per tile, and the frame is as sharp as its sharpest detailed quarter: a portrait with
 * a soft background (bokeh, smooth skin) is sharp if its subject is, while defocus and camera
 * motion blur every tile. Tiles with almost no detail (sky, a wall) say nothing and are skipped.
 *
 * Returns 0 (crisp) … 1 (flat or fully blurred), per tile the worse of the horizontal and
 * vertical directions, so one-directional motion blur counts in full.
 */
const TAPS = 9;
const HALF = (TAPS - 1) / 2;
const TILE_COLUMNS = 6;
const TILE_ROWS = 4;
/** Mean neighbour difference (gray levels) below which a tile is too flat to judge. */
const MIN_TILE_DETAIL = 1.5;
/** Share of the detailed tiles, sharpest first, that the frame is judged by. */
const SHARPEST_SHARE = 0.25;

export function blurEffect(gray: Uint8Array, width: number, height: number): number {
  if (width < TAPS + 2 || height < TAPS + 2) return 1;
  const tiles = TILE_COLUMNS * TILE_ROWS;
  // Per tile: horizontal original, horizontal kept, vertical original, vertical kept, pixels.
  const sums = new Float64Array(tiles * 5);
  const tileOfColumn = new Int32Array(width);
  for (let x = 0; x < width; x++) tileOfColumn[x] = Math.min(TILE_COLUMNS - 1, Math.floor((x * TILE_COLUMNS) / width));
  // The 1×9 box mean moves by (g[i + HALF] − g[i − HALF − 1]) / 9 between neighbours, so the
  // re-blurred difference needs no filtered copy. Differences are kept ×9 to stay in integers.
  const up = (HALF + 1) * width;
  const down = HALF * width;
  for (let y = HALF + 1; y < height - HALF; y++) {
    const row = y * width;
    const tileRow = Math.min(TILE_ROWS - 1, Math.floor((y * TILE_ROWS) / height)) * TILE_COLUMNS;
    for (let x = HALF + 1; x < width - HALF; x++) {
      const i = row + x;
      const value = gray[i]!;
      const horizontal = 9 * Math.abs(value - gray[i - 1]!);
      const horizontalBlurred = Math.abs(gray[i + HALF]! - gray[i - HALF - 1]!);
      const vertical = 9 * Math.abs(value - gray[i - width]!);
      const verticalBlurred = Math.abs(gray[i + down]! - gray[i - up]!);
      const t = (tileRow + tileOfColumn[x]!) * 5;
      sums[t]! += horizontal;
      if (horizontal > horizontalBlurred) sums[t + 1]! += horizontal - horizontalBlurred;
      sums[t + 2]! += vertical;
      if (vertical > verticalBlurred) sums[t + 3]! += vertical - verticalBlurred;
      sums[t + 4]!++;
    }
  }
  // What re-blurring takes away is the detail the tile still had: little of it means blurred.
  const blurOf = (original: number, kept: number) => (original === 0 ? 1 : (original - kept) / original);
  const detailed: number[] = [];
  for (let t = 0; t < tiles; t++) {
    const o = t * 5;
    const pixels = sums[o + 4]!;
    if (pixels === 0 || (sums[o]! + sums[o + 2]!) / (18 * pixels) < MIN_TILE_DETAIL) continue;
    detailed.push(Math.max(blurOf(sums[o]!, sums[o + 1]!), blurOf(sums[o + 2]!, sums[o + 3]!)));
  }
  if (detailed.length === 0) return 1;
  detailed.sort((a, b) => a - b);
  const judged = Math.max(1, Math.ceil(detailed.length * SHARPEST_SHARE));
  let total = 0;
  for (let k = 0; k < judged; k++) total += detailed[k]!;
  return total / judged;
}
