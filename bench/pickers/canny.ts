/**
 * Canny edge density: the share of pixels that are edges, with OpenCV's defaults as the original
 * used them (3×3 Sobel, L1 magnitude, no pre-blur, thresholds 50/150, 8-connected hysteresis).
 */

// Scratch buffers reused between calls of the same size: one analysis size per video.
let scratch: { size: number; magnitude: Int32Array; sector: Uint8Array; state: Uint8Array; stack: Int32Array } | null = null;

const TAN_22_5 = 0.41421356;
const TAN_67_5 = 2.41421356;
const WEAK = 1;
const STRONG = 2;

export function cannyEdgeDensity(gray: Uint8Array, width: number, height: number, low = 50, high = 150): number {
  const size = width * height;
  if (width < 3 || height < 3) return 0;
  if (!scratch || scratch.size !== size) {
    scratch = { size, magnitude: new Int32Array(size), sector: new Uint8Array(size), state: new Uint8Array(size), stack: new Int32Array(size) };
  }
  const { magnitude, sector, state, stack } = scratch;
  magnitude.fill(0);
  state.fill(0);

  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const tl = gray[i - width - 1]!, tc = gray[i - width]!, tr = gray[i - width + 1]!;
      const ml = gray[i - 1]!, mr = gray[i + 1]!;
      const bl = gray[i + width - 1]!, bc = gray[i + width]!, br = gray[i + width + 1]!;
      const gx = tr + 2 * mr + br - (tl + 2 * ml + bl);
      const gy = bl + 2 * bc + br - (tl + 2 * tc + tr);
      const ax = Math.abs(gx);
      const ay = Math.abs(gy);
      magnitude[i] = ax + ay;
      // Gradient direction in four sectors: 0 horizontal, 1 "\" diagonal, 2 vertical, 3 "/" diagonal.
      sector[i] = ay <= ax * TAN_22_5 ? 0 : ay >= ax * TAN_67_5 ? 2 : (gx > 0) === (gy > 0) ? 1 : 3;
    }
  }

  // Non-maximum suppression: keep a pixel only where it peaks across the edge.
  let top = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const m = magnitude[i]!;
      if (m <= low) continue;
      const s = sector[i]!;
      const step = s === 0 ? 1 : s === 2 ? width : s === 1 ? width + 1 : width - 1;
      if (m > magnitude[i - step]! && m >= magnitude[i + step]!) {
        if (m > high) {
          state[i] = STRONG;
          stack[top++] = i;
        } else {
          state[i] = WEAK;
        }
      }
    }
  }

  // Hysteresis: weak edges survive only when connected to a strong one.
  let edges = top;
  const neighbours = [-width - 1, -width, -width + 1, -1, 1, width - 1, width, width + 1];
  while (top > 0) {
    const i = stack[--top]!;
    for (const offset of neighbours) {
      const j = i + offset;
      if (state[j] === WEAK) {
        state[j] = STRONG;
        stack[top++] = j;
        edges++;
      }
    }
  }
  return edges / size;
}
