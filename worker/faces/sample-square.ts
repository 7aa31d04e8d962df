/** A square region of an image, in its pixels; it may reach past the edges (that part reads as black). */
export interface SquareRegion {
  x: number;
  y: number;
  side: number;
}

export interface SampleOptions {
  /** Output is size × size. */
  size: number;
  /** Mirror left–right (the iris model only knows one eye; the other is fed mirrored). */
  flip?: boolean;
  /** Source values are divided by this (255 turns bytes into the 0–1 the face models expect). */
  divisor?: number;
}

/** Taps per axis at most when shrinking: enough to stop aliasing, bounded so a 4K face stays cheap. */
const MAX_TAPS = 4;

/**
 * Cuts `region` out of a gray or interleaved RGB image (told apart by its length) and resamples it
 * to a size × size RGB float image, bilinear, averaging several taps per output pixel when
 * shrinking. Done in plain JS on the region only, so the cost depends on the output size and not
 * on the frame's, and a gray frame is never expanded to RGB as a whole.
 */
export function sampleSquare(
  source: ArrayLike<number>,
  width: number,
  height: number,
  region: SquareRegion,
  { size, flip = false, divisor = 1 }: SampleOptions,
): Float32Array {
  const channels = source.length / (width * height);
  if (channels !== 1 && channels !== 3) {
    throw new RangeError(`expected ${width * height} (gray) or ${width * height * 3} (RGB) values for a ${width}×${height} image, got ${source.length}`);
  }
  if (!(region.side > 0) || !Number.isInteger(size) || size < 1) {
    throw new RangeError(`cannot sample a ${region.side} px region into ${size} px`);
  }
  const out = new Float32Array(size * size * 3);
  const step = region.side / size;
  const taps = Math.min(MAX_TAPS, Math.max(1, Math.ceil(step)));
  const weight = 1 / (taps * taps * divisor);
  const pixel = [0, 0, 0];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      let r = 0;
      let g = 0;
      let b = 0;
      const outCol = flip ? size - 1 - col : col;
      for (let ty = 0; ty < taps; ty++) {
        const sy = region.y + (row + (ty + 0.5) / taps) * step - 0.5;
        for (let tx = 0; tx < taps; tx++) {
          const sx = region.x + (outCol + (tx + 0.5) / taps) * step - 0.5;
          bilinear(source, width, height, channels, sx, sy, pixel);
          r += pixel[0] as number;
          g += pixel[1] as number;
          b += pixel[2] as number;
        }
      }
      const target = (row * size + col) * 3;
      out[target] = r * weight;
      out[target + 1] = g * weight;
      out[target + 2] = b * weight;
    }
  }
  return out;
}

/** Bilinear RGB at (x, y); a gray source gives its value in all three. */
function bilinear(source: ArrayLike<number>, width: number, height: number, channels: 1 | 3, x: number, y: number, into: number[]): void {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  into[0] = 0;
  into[1] = 0;
  into[2] = 0;
  for (let dy = 0; dy <= 1; dy++) {
    const py = y0 + dy;
    const wy = dy === 0 ? 1 - fy : fy;
    if (py < 0 || py >= height || wy === 0) continue;
    for (let dx = 0; dx <= 1; dx++) {
      const px = x0 + dx;
      const w = wy * (dx === 0 ? 1 - fx : fx);
      if (px < 0 || px >= width || w === 0) continue;
      const at = (py * width + px) * channels;
      const red = source[at] as number;
      into[0] += w * red;
      into[1] += w * (channels === 3 ? (source[at + 1] as number) : red);
      into[2] += w * (channels === 3 ? (source[at + 2] as number) : red);
    }
  }
}
