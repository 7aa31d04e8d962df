/**
 * Tonal statistics of an 8-bit gray frame from one histogram pass: how bright, how much of the
 * range it uses, and how much is crushed to black or blown to white.
 */
export interface ToneStats {
  mean: number;
  /** Standard deviation of the gray levels (contrast). */
  std: number;
  /** 2nd and 98th percentiles: the range the picture really uses, ignoring a few stray pixels. */
  low: number;
  high: number;
  /** Share of pixels at the ends of the range, where detail is gone (0–1). */
  darkClip: number;
  brightClip: number;
}

const DARK_CLIP_LEVEL = 6;
const BRIGHT_CLIP_LEVEL = 249;

export function toneStats(gray: Uint8Array): ToneStats {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < gray.length; i++) histogram[gray[i]!]!++;
  const n = gray.length;
  if (n === 0) return { mean: 0, std: 0, low: 0, high: 0, darkClip: 1, brightClip: 0 };
  let sum = 0;
  let sumSq = 0;
  for (let v = 0; v < 256; v++) {
    sum += v * histogram[v]!;
    sumSq += v * v * histogram[v]!;
  }
  const mean = sum / n;
  let dark = 0;
  for (let v = 0; v <= DARK_CLIP_LEVEL; v++) dark += histogram[v]!;
  let bright = 0;
  for (let v = BRIGHT_CLIP_LEVEL; v <= 255; v++) bright += histogram[v]!;
  return {
    mean,
    std: Math.sqrt(Math.max(0, sumSq / n - mean * mean)),
    low: percentile(histogram, n, 0.02),
    high: percentile(histogram, n, 0.98),
    darkClip: dark / n,
    brightClip: bright / n,
  };
}

function percentile(histogram: Uint32Array, n: number, fraction: number): number {
  const target = fraction * n;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen > target) return v;
  }
  return 255;
}
