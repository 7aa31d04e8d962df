/** Deterministic synthetic gray images for metric tests. */

export function constantImage(width: number, height: number, value: number): Uint8Array {
  return new Uint8Array(width * height).fill(value);
}

/** Pseudo-random texture (mulberry32), values spread around `mean` by ±`amplitude`. */
export function noiseImage(width: number, height: number, seed = 1, mean = 128, amplitude = 100): Uint8Array {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const image = new Uint8Array(width * height);
  for (let i = 0; i < image.length; i++) image[i] = Math.round(mean + (random() * 2 - 1) * amplitude);
  return image;
}

/** Box blur with the given radius (edges clamped): what defocus or motion blur does to detail. */
export function boxBlur(gray: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const out = new Uint8Array(gray.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let count = 0;
      for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const yy = Math.min(height - 1, Math.max(0, y + dy));
          const xx = Math.min(width - 1, Math.max(0, x + dx));
          sum += gray[yy * width + xx]!;
          count++;
        }
      }
      out[y * width + x] = Math.round(sum / count);
    }
  }
  return out;
}

/** Copies `patch` (pw × ph) into `image` at (x0, y0). */
export function paste(image: Uint8Array, width: number, patch: Uint8Array, pw: number, ph: number, x0: number, y0: number): Uint8Array {
  for (let y = 0; y < ph; y++) for (let x = 0; x < pw; x++) image[(y0 + y) * width + x0 + x] = patch[y * pw + x]!;
  return image;
}

/** Scales every pixel's distance from 128 toward 0 (darken) or 255 (brighten) by adding `offset`. */
export function shifted(gray: Uint8Array, offset: number): Uint8Array {
  return gray.map((v) => Math.min(255, Math.max(0, v + offset)));
}

/**
 * A smooth texture `widthFactor` frames wide; the returned function shows the `width`-wide window
 * starting `offset` pixels in, so calling it with growing offsets films a camera pan.
 */
export function panorama(width: number, height: number, seed: number, widthFactor = 4): (offset: number) => Uint8Array {
  const wideWidth = width * widthFactor;
  const wide = boxBlur(noiseImage(wideWidth, height, seed, 128, 120), wideWidth, height, 3);
  return (offset) => {
    const out = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) out.set(wide.subarray(y * wideWidth + offset, y * wideWidth + offset + width), y * width);
    return out;
  };
}

/**
 * A photo-like frame: large shapes in strong contrast with fine detail on top. Plain noiseImage
 * is all fine grain, which the noise estimate (noise.ts) rightly calls noise.
 */
export function photoLike(width: number, height: number, seed: number): Uint8Array {
  const shapes = boxBlur(noiseImage(width, height, seed, 128, 120), width, height, 4);
  const detail = boxBlur(noiseImage(width, height, seed + 1, 128, 120), width, height, 1);
  return shapes.map((v, i) => Math.min(255, Math.max(0, 128 + (v - 128) * 6 + (detail[i]! - 128) * 0.8)));
}
