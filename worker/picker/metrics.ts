/**
 * Small image measurements over 8-bit gray buffers (row-major, `width * height` bytes).
 */

export function meanBrightness(gray: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < gray.length; i++) sum += gray[i]!;
  return gray.length === 0 ? 0 : sum / gray.length;
}

/** Standard deviation of the whole frame (contrast). */
export function stdDev(gray: Uint8Array, width: number, height: number): number {
  return regionStd(gray, width, 0, 0, width, height);
}

/** Standard deviation of the middle ninth (middle third across and down): is something there? */
export function centreStd(gray: Uint8Array, width: number, height: number): number {
  const x0 = Math.floor(width / 3);
  const y0 = Math.floor(height / 3);
  return regionStd(gray, width, x0, y0, Math.max(x0 + 1, Math.floor((2 * width) / 3)), Math.max(y0 + 1, Math.floor((2 * height) / 3)));
}

/** Mean absolute difference per pixel between two frames of the same size (0–255): motion. */
export function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new Error(`meanAbsDiff: sizes differ (${a.length} vs ${b.length})`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return a.length === 0 ? 0 : sum / a.length;
}

/** Below this std (gray levels) a frame is too flat for its contrast to be matched: only its mean is. */
const MIN_MATCHED_STD = 2;

/**
 * Mean absolute difference per pixel after giving `reference` the mean and contrast of `current`:
 * what changed in the picture, not in its light. A fade, a dissolve's change of level or an
 * auto-exposure step scales and shifts every gray level; matching the two tonal moments undoes
 * exactly that, while anything that moved still differs.
 */
export function toneMatchedDiff(reference: Uint8Array, current: Uint8Array): number {
  if (reference.length !== current.length) throw new Error(`toneMatchedDiff: sizes differ (${reference.length} vs ${current.length})`);
  if (current.length === 0) return 0;
  const [refMean, refStd] = meanAndStd(reference);
  const [curMean, curStd] = meanAndStd(current);
  const gain = refStd >= MIN_MATCHED_STD && curStd >= MIN_MATCHED_STD ? curStd / refStd : 1;
  let sum = 0;
  for (let i = 0; i < current.length; i++) sum += Math.abs((reference[i]! - refMean) * gain + curMean - current[i]!);
  return sum / current.length;
}

function meanAndStd(values: Uint8Array): [number, number] {
  let sum = 0;
  let sumSq = 0;
  for (const v of values) {
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / values.length;
  return [mean, Math.sqrt(Math.max(0, sumSq / values.length - mean * mean))];
}

/** Standard deviation of the rectangle [x0, x1) × [y0, y1). */
export function regionStd(gray: Uint8Array, width: number, x0: number, y0: number, x1: number, y1: number): number {
  let sum = 0;
  let sumSq = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * width;
    for (let x = x0; x < x1; x++) {
      const v = gray[row + x]!;
      sum += v;
      sumSq += v * v;
    }
  }
  const count = (x1 - x0) * (y1 - y0);
  if (count <= 0) return 0;
  const mean = sum / count;
  return Math.sqrt(Math.max(0, sumSq / count - mean * mean));
}
