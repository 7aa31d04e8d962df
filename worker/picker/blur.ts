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
const ROW_STEP = 2;

export function blurEffect(gray: Uint8Array, width: number, height: number): number {
  return measureDetail(gray, width, height, null).blur;
}

export interface Detail {
  /** 0 crisp … 1 blurred, as above. */
  blur: number;
  /**
   * Compression blockiness: H.264 and friends code pictures in 8×8 blocks; starved of bits, the
   * blocks show as steps along their borders. With an analysis frame an exact 1/k of the source
   * (k dividing 8) the borders fall on every (8/k)-th column, and the mean horizontal step across
   * them is compared with the mean horizontal step elsewhere: below 1 for a clean picture, clearly above 1
   * for a blocky one (measured 0.85–0.97 clean vs 1.01–1.26 at x264 QP 50). Null when
   * `blockPeriod` (block size in analysis pixels) is null: then the blocks do not line up.
   */
  blockiness: number | null;
}

/** Blur and blockiness in one pass: both are made of the same neighbour differences. */
export function measureDetail(gray: Uint8Array, width: number, height: number, blockPeriod: number | null): Detail {
  if (width < TAPS + 2 || height < TAPS + 2) return { blur: 1, blockiness: null };
  const period = blockPeriod !== null && blockPeriod >= 2 ? blockPeriod : 0;
  // Steps across block borders and elsewhere: sum and count of each.
  let border = 0;
  let borderCount = 0;
  let inner = 0;
  let innerCount = 0;
  const tiles = TILE_COLUMNS * TILE_ROWS;
  // Per tile: horizontal original, horizontal kept, vertical original, vertical kept, pixels.
  const sums = new Float64Array(tiles * 5);
  const tileOfColumn = new Int32Array(width);
  for (let x = 0; x < width; x++) tileOfColumn[x] = Math.min(TILE_COLUMNS - 1, Math.floor((x * TILE_COLUMNS) / width));
  // The 1×9 box mean moves by (g[i + HALF] − g[i − HALF − 1]) / 9 between neighbours, so the
  // re-blurred difference needs no filtered copy. Differences are kept ×9 to stay in integers.
  const up = (HALF + 1) * width;
  const down = HALF * width;
  // Every other row: the sums are ratios, and half the rows measure the same at half the cost.
  for (let y = HALF + 1; y < height - HALF; y += ROW_STEP) {
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
      if (period > 0) {
        // Steps along the row (9× the plain step), at a block's left border or inside it.
        if (x % period === 0) {
          border += horizontal;
          borderCount++;
        } else {
          inner += horizontal;
          innerCount++;
        }
      }
    }
  }
  // The +0.5 (a step of half a gray level) keeps flat pictures from dividing noise by nothing.
  const blockiness = period > 0 ? border / 9 / Math.max(1, borderCount) / (inner / 9 / Math.max(1, innerCount) + 0.5) : null;
  // What re-blurring takes away is the detail the tile still had: little of it means blurred.
  const blurOf = (original: number, kept: number) => (original === 0 ? 1 : (original - kept) / original);
  const detailed: number[] = [];
  for (let t = 0; t < tiles; t++) {
    const o = t * 5;
    const pixels = sums[o + 4]!;
    if (pixels === 0 || (sums[o]! + sums[o + 2]!) / (18 * pixels) < MIN_TILE_DETAIL) continue;
    detailed.push(Math.max(blurOf(sums[o]!, sums[o + 1]!), blurOf(sums[o + 2]!, sums[o + 3]!)));
  }
  if (detailed.length === 0) return { blur: 1, blockiness };
  detailed.sort((a, b) => a - b);
  const judged = Math.max(1, Math.ceil(detailed.length * SHARPEST_SHARE));
  let total = 0;
  for (let k = 0; k < judged; k++) total += detailed[k]!;
  return { blur: total / judged, blockiness };
}
