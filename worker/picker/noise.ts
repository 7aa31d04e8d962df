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

/** Estimated noise standard deviation of an 8-bit gray frame, in gray levels (0 for tiny frames). */
export function noiseSigma(gray: Uint8Array, width: number, height: number): number {
  if (width < TILE_COLUMNS * 3 || height < TILE_ROWS * 3) return 0;
  const tiles = TILE_COLUMNS * TILE_ROWS;
  const sums = new Float64Array(tiles);
  const counts = new Uint32Array(tiles);
  const tileOfColumn = new Int32Array(width);
  for (let x = 0; x < width; x++) tileOfColumn[x] = Math.min(TILE_COLUMNS - 1, Math.floor((x * TILE_COLUMNS) / width));
  for (let y = 1; y < height - 1; y++) {
    const tileRow = Math.min(TILE_ROWS - 1, Math.floor((y * TILE_ROWS) / height)) * TILE_COLUMNS;
    const row = y * width;
    let sum = 0;
    let tile = tileRow + tileOfColumn[1]!;
    for (let x = 1; x < width - 1; x++) {
      const t = tileRow + tileOfColumn[x]!;
      if (t !== tile) {
        sums[tile]! += sum;
        sum = 0;
        tile = t;
      }
      const i = row + x;
      const up = i - width;
      const down = i + width;
      const response =
        gray[up - 1]! - 2 * gray[up]! + gray[up + 1]! - 2 * gray[i - 1]! + 4 * gray[i]! - 2 * gray[i + 1]! + gray[down - 1]! - 2 * gray[down]! + gray[down + 1]!;
      sum += response < 0 ? -response : response;
      counts[t]!++;
    }
    sums[tile]! += sum;
  }
  const perTile: number[] = [];
  for (let t = 0; t < tiles; t++) if (counts[t]! > 0) perTile.push(sums[t]! / counts[t]!);
  perTile.sort((a, b) => a - b);
  return SCALE * perTile[Math.floor(TILE_QUANTILE * (perTile.length - 1))]!;
}
