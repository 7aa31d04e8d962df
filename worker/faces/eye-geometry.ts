/**
 * Eye openness and gaze from landmark points: pure arithmetic, no model. Points are [x, y] in
 * any pixel space where both axes have the same scale (x right, y down).
 */

export type Point = readonly [number, number];

/**
 * One eye's outline as the MediaPipe iris model returns it: `lower` runs corner to corner along
 * the lower lid (9 points, first and last are the corners), `upper` runs along the upper lid
 * between the corners in the same direction (7 points, upper[i] sits above lower[i + 1]).
 * `iris` is the iris centre when known.
 */
export interface EyeOutline {
  lower: readonly Point[];
  upper: readonly Point[];
  iris?: Point;
}

export interface EyeShape {
  /** Lid gap at the middle of the eye over the corner-to-corner width: ~0.3+ open, ~0.1 shut. */
  openness: number;
  /** Corner-to-corner distance, in the points' pixels. */
  width: number;
  /** Iris centre offset from the middle of the corners, over the width, along the corner axis: ~0 looking ahead. */
  irisOffset: number | null;
}

/** Lid pairs compared: the middle three, where a half-closed lid differs most from an open one. */
const MIDDLE_PAIRS = [2, 3, 4] as const;

/**
 * Openness is measured across the corner axis (not along image y), so a tilted head reads the
 * same as an upright one; the three middle gaps are averaged to damp one misplaced point.
 */
export function eyeShape(eye: EyeOutline): EyeShape {
  if (eye.lower.length !== 9 || eye.upper.length !== 7) {
    throw new RangeError(`an eye outline needs 9 lower and 7 upper points, got ${eye.lower.length} and ${eye.upper.length}`);
  }
  const a = eye.lower[0] as Point;
  const b = eye.lower[8] as Point;
  const axisX = b[0] - a[0];
  const axisY = b[1] - a[1];
  const width = Math.hypot(axisX, axisY);
  if (!(width > 0)) return { openness: 0, width: 0, irisOffset: null };
  // Unit normal to the corner axis; its sign does not matter since gaps are taken as absolute values.
  const nx = -axisY / width;
  const ny = axisX / width;
  let gap = 0;
  for (const i of MIDDLE_PAIRS) {
    const up = eye.upper[i] as Point;
    const low = eye.lower[i + 1] as Point;
    gap += Math.abs((up[0] - low[0]) * nx + (up[1] - low[1]) * ny);
  }
  const openness = gap / MIDDLE_PAIRS.length / width;
  let irisOffset: number | null = null;
  if (eye.iris) {
    const midX = (a[0] + b[0]) / 2;
    const midY = (a[1] + b[1]) / 2;
    irisOffset = ((eye.iris[0] - midX) * axisX + (eye.iris[1] - midY) * axisY) / (width * width);
  }
  return { openness, width, irisOffset };
}

/**
 * Where the combined score turns from closed to open, in lid gap over eye width, from
 * bench/eyes-cost.mts (MediaPipe facemesh + iris): a webcam face 53 px tall, with glasses, read
 * 0.243–0.303 on every open frame and 0.167–0.175 with the lids shut (0.20–0.23 half-way through
 * the blink), the same at 2× and 4× upscaling; faces of 60–160 px in photographs read 0.25–0.39
 * with eyes open (narrow, smiling eyes at the low end) and 0.19–0.24 looking down. Below CLOSED_AT
 * an eye counts as shut, above OPEN_AT as fully open.
 */
export const CLOSED_AT = 0.17;
export const OPEN_AT = 0.24;

/**
 * Both eyes' openness in one lid-gap ratio, each eye weighted by its width: when the head turns,
 * the far eye is foreshortened and its outline is the less trustworthy one. 0 with no usable eye.
 */
export function weightedOpenness(eyes: readonly EyeShape[]): number {
  let weighted = 0;
  let total = 0;
  for (const eye of eyes) {
    if (!(eye.width > 0)) continue;
    weighted += eye.openness * eye.width;
    total += eye.width;
  }
  return total === 0 ? 0 : weighted / total;
}

/** weightedOpenness mapped to 0 shut … 1 open between CLOSED_AT and OPEN_AT. */
export function combinedOpenness(eyes: readonly EyeShape[]): number {
  if (!eyes.some((eye) => eye.width > 0)) return 0;
  return clamp01((weightedOpenness(eyes) - CLOSED_AT) / (OPEN_AT - CLOSED_AT));
}

/**
 * How squarely the face looks at the camera, 0 (side view) … 1 (frontal): the narrower eye's
 * width over the wider one's. Turning the head foreshortens the far eye; a frontal face has two
 * eyes of the same width.
 */
export function frontalness(eyes: readonly EyeShape[]): number {
  const widths = eyes.map((eye) => eye.width).filter((width) => width > 0);
  if (widths.length < 2) return 0;
  return Math.min(...widths) / Math.max(...widths);
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
