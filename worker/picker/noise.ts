/**
 * Sensor noise, after Immerkær, "Fast noise variance estimation" (1996): the mask
 *   1 -2  1
 *  -2  4 -2
 *   1 -2  1
 * cancels smooth gradients and edges of first order, so what remains is mostly noise, whose
 * standard deviation is √(π/2) / 6 × the mean absolute response.
 *
 * Texture survives the mask too, so the frame is cut into tiles and judged by a low quantile of
 * them: noise covers every tile, texture only some. Measured at analysis size on real clips:
 * clean footage 0.05–1.7 gray levels, an under-exposed stretch with sensor noise 7–15.
 */
const TILE_COLUMNS = 8;
const TILE_ROWS = 6;
/** Which tile (from the quietest) the frame is judged by: a quarter of the way up. */
const TILE_QUANTILE = 0.25;
const SCALE = Math.sqrt(Math.PI / 2) / 6;
/** Every other row: the estimate is a mean, and half the rows give the same at half the cost. */
const ROW_STEP = 2;

/** Estimated noise standard deviation of an 8-bit gray frame, in gray levels (0 for tiny frames). */
export function noiseSigma(gray: Uint8Array, width: number, height: number): number {
  if (width < TILE_COLUMNS * 3 || height < TILE_ROWS * 3) return 0;
  const sums = new Float64Array(TILE_COLUMNS * TILE_ROWS);
  const counts = new Float64Array(TILE_COLUMNS * TILE_ROWS);
  // Column spans of the tiles, inner pixels only (the mask needs a neighbour on each side).
  const spans: Array<[number, number]> = [];
  for (let c = 0; c < TILE_COLUMNS; c++) spans.push([Math.max(1, Math.ceil((c * width) / TILE_COLUMNS)), Math.min(width - 1, Math.ceil(((c + 1) * width) / TILE_COLUMNS))]);
  for (let y = 1; y < height - 1; y += ROW_STEP) {
    const tileRow = Math.min(TILE_ROWS - 1, Math.floor((y * TILE_ROWS) / height)) * TILE_COLUMNS;
    const row = y * width;
    for (let c = 0; c < TILE_COLUMNS; c++) {
      const [from, to] = spans[c]!;
      let sum = 0;
      for (let i = row + from, end = row + to; i < end; i++) {
        const up = i - width;
        const down = i + width;
        const r = gray[up - 1]! - 2 * gray[up]! + gray[up + 1]! - 2 * gray[i - 1]! + 4 * gray[i]! - 2 * gray[i + 1]! + gray[down - 1]! - 2 * gray[down]! + gray[down + 1]!;
        sum += r < 0 ? -r : r;
      }
      sums[tileRow + c]! += sum;
      counts[tileRow + c]! += to - from;
    }
  }
  const perTile: number[] = [];
  for (let t = 0; t < sums.length; t++) if (counts[t]! > 0) perTile.push(sums[t]! / counts[t]!);
  perTile.sort((a, b) => a - b);
  return SCALE * perTile[Math.floor(TILE_QUANTILE * (perTile.length - 1))]!;
}
