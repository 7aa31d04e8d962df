/**
 * The original algorithm's own measurements (as docs/product.md describes them), kept for the baseline
 * picker only: the worker's picker measures sharpness with blur.ts instead.
 */
import { regionStd } from "../../worker/picker/metrics";

/** Variance of the 4-neighbour Laplacian (OpenCV's `Laplacian` with ksize 1): high for crisp detail. */
export function laplacianVariance(gray: Uint8Array, width: number, height: number): number {
  let sum = 0;
  let sumSq = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const i = row + x;
      const lap = gray[i - 1]! + gray[i + 1]! + gray[i - width]! + gray[i + width]! - 4 * gray[i]!;
      sum += lap;
      sumSq += lap * lap;
      count++;
    }
  }
  if (count === 0) return 0;
  const mean = sum / count;
  return Math.max(0, sumSq / count - mean * mean);
}

/** Share (0, .25 … 1) of the four quadrants whose standard deviation exceeds `threshold`. */
export function quadrantSpread(gray: Uint8Array, width: number, height: number, threshold = 20): number {
  const midX = Math.floor(width / 2);
  const midY = Math.floor(height / 2);
  const quadrants: Array<[number, number, number, number]> = [
    [0, 0, midX, midY],
    [midX, 0, width, midY],
    [0, midY, midX, height],
    [midX, midY, width, height],
  ];
  const busy = quadrants.filter(([x0, y0, x1, y1]) => regionStd(gray, width, x0, y0, x1, y1) > threshold).length;
  return busy / 4;
}
