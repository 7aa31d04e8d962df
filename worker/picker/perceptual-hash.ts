/**
 * 64-bit perceptual hash (the DCT "pHash"): the frame shrunk to 32×32, its 8×8 lowest spatial
 * frequencies compared with their median. It ignores noise, compression and small drifts but
 * changes with what the picture shows, so it tells "the same shot again" from a new moment.
 */
const SIDE = 32;
const KEEP = 8;

/** cos((2x + 1) u π / 2N) for u < KEEP, x < SIDE. */
const COSINES = (() => {
  const table = new Float64Array(KEEP * SIDE);
  for (let u = 0; u < KEEP; u++) for (let x = 0; x < SIDE; x++) table[u * SIDE + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SIDE));
  return table;
})();

/** Two 32-bit halves of the hash. */
export type PerceptualHash = readonly [number, number];

export function perceptualHash(gray: Uint8Array, width: number, height: number): PerceptualHash {
  const small = shrink(gray, width, height);
  // Separable DCT: rows first (keep KEEP columns), then columns (keep KEEP rows).
  const rows = new Float64Array(SIDE * KEEP);
  for (let y = 0; y < SIDE; y++) {
    for (let u = 0; u < KEEP; u++) {
      let sum = 0;
      for (let x = 0; x < SIDE; x++) sum += small[y * SIDE + x]! * COSINES[u * SIDE + x]!;
      rows[y * KEEP + u] = sum;
    }
  }
  const coefficients = new Float64Array(KEEP * KEEP);
  for (let v = 0; v < KEEP; v++) {
    for (let u = 0; u < KEEP; u++) {
      let sum = 0;
      for (let y = 0; y < SIDE; y++) sum += rows[y * KEEP + u]! * COSINES[v * SIDE + y]!;
      coefficients[v * KEEP + u] = sum;
    }
  }
  // The DC term is overall brightness, not structure: leave it out of the median.
  const median = medianOf(coefficients.subarray(1));
  let high = 0;
  let low = 0;
  for (let i = 0; i < 64; i++) {
    if (coefficients[i]! <= median) continue;
    if (i < 32) high |= 1 << i;
    else low |= 1 << (i - 32);
  }
  return [high >>> 0, low >>> 0];
}

/** Differing bits, 0 (same) … 64. */
export function hashDistance(a: PerceptualHash, b: PerceptualHash): number {
  return popcount((a[0] ^ b[0]) >>> 0) + popcount((a[1] ^ b[1]) >>> 0);
}

function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function medianOf(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Area-average down to SIDE×SIDE (any input size, aspect ignored: the hash compares shots). */
function shrink(gray: Uint8Array, width: number, height: number): Float64Array {
  return areaResize(gray, width, height, SIDE, SIDE);
}

/** Box-filter resize; each output pixel is the mean of the input pixels it covers (at least one). */
export function areaResize(gray: Uint8Array, width: number, height: number, outWidth: number, outHeight: number): Float64Array {
  const out = new Float64Array(outWidth * outHeight);
  for (let oy = 0; oy < outHeight; oy++) {
    const y0 = Math.floor((oy * height) / outHeight);
    const y1 = Math.max(y0 + 1, Math.floor(((oy + 1) * height) / outHeight));
    for (let ox = 0; ox < outWidth; ox++) {
      const x0 = Math.floor((ox * width) / outWidth);
      const x1 = Math.max(x0 + 1, Math.floor(((ox + 1) * width) / outWidth));
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += gray[y * width + x] ?? 0;
      out[oy * outWidth + ox] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}
