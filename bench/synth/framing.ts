/**
 * How the 1280×720 window moves over a photo. Positions are whole pixels, so no frame is
 * resampled (a sub-pixel move would soften "good" frames). Motion is defined relative to the
 * segment's nominal first frame, so a segment rendered with extra transition frames before it
 * still shows the same picture at the same nominal moment (the repeat relies on this).
 */
import type { Photo } from "~/bench/photos";
import { photoSize } from "~/bench/photos";
import { randFloat, randInt, type Rng } from "./prng";

export const OUT_WIDTH = 1280;
export const OUT_HEIGHT = 720;
/** Frames a transition can add on either side of a segment (a 1 s fade-through-black adds 15). */
const MAX_EXTRA_FRAMES = 15;
const SEGMENT_FRAMES = 150;

/** A slow drift: the photo just covers the frame, the window creeps ≤ 30 px over the segment. */
export interface Drift {
  kind: "drift";
  width: number;
  height: number;
  x0: number;
  y0: number;
  /** Pixels per frame (fractional; positions are rounded). */
  vx: number;
  vy: number;
}

/** A fast pan: the photo covers 1.6–2× the frame, the window sweeps sideways and bounces at the edges. */
export interface Pan {
  kind: "pan";
  width: number;
  height: number;
  /** Position along the back-and-forth path at the nominal first frame, in [0, 2·(width − 1280)). */
  phase: number;
  /** Whole pixels per frame. */
  speed: number;
  y: number;
}

export type Framing = Drift | Pan;

/** The photo scaled to cover the frame `factor` times over, even sizes for the encoder. */
export function coverSize(photo: Photo, factor: number): { width: number; height: number } {
  const { width, height } = photoSize(photo);
  const scale = Math.max(OUT_WIDTH / width, OUT_HEIGHT / height) * factor;
  const even = (v: number, min: number) => Math.max(min, 2 * Math.ceil((v * scale) / 2));
  return { width: even(width, OUT_WIDTH), height: even(height, OUT_HEIGHT) };
}

export function drawDrift(rng: Rng, photo: Photo): Drift {
  const { width, height } = coverSize(photo, randFloat(rng, 1.07, 1.13));
  const angle = randFloat(rng, 0, 2 * Math.PI);
  const distance = randFloat(rng, 12, 30);
  const dx = Math.round(distance * Math.cos(angle));
  const dy = Math.round(distance * Math.sin(angle));
  // Keep the window inside the photo, transition frames on either side included.
  const margin = (d: number) => Math.ceil((Math.abs(d) * MAX_EXTRA_FRAMES) / SEGMENT_FRAMES) + 1;
  const x0 = randInt(rng, Math.max(0, -dx) + margin(dx), width - OUT_WIDTH - Math.max(0, dx) - margin(dx));
  const y0 = randInt(rng, Math.max(0, -dy) + margin(dy), height - OUT_HEIGHT - Math.max(0, dy) - margin(dy));
  return { kind: "drift", width, height, x0, y0, vx: dx / (SEGMENT_FRAMES - 1), vy: dy / (SEGMENT_FRAMES - 1) };
}

export function drawPan(rng: Rng, photo: Photo): Pan {
  const { width, height } = coverSize(photo, randFloat(rng, 1.6, 2));
  const range = width - OUT_WIDTH;
  const phase = randInt(rng, 0, 2 * range - 1);
  const speed = randInt(rng, 8, 20);
  let [yMin, yMax] = [0, height - OUT_HEIGHT];
  if (photo.faceRows) {
    // A group photo's pan is labelled with its faces, so the window must keep their rows in view.
    const scale = height / photoSize(photo).height;
    const top = Math.floor((photo.faceRows.y - (photo.crop?.y ?? 0)) * scale);
    const bottom = Math.ceil((photo.faceRows.y + photo.faceRows.height - (photo.crop?.y ?? 0)) * scale);
    if (bottom - top > OUT_HEIGHT) throw new Error(`${photo.id}: its face rows do not fit one frame at this zoom`);
    [yMin, yMax] = [Math.max(yMin, bottom - OUT_HEIGHT), Math.min(yMax, top)];
  }
  return { kind: "pan", width, height, phase, speed, y: randInt(rng, yMin, yMax) };
}

/** ffmpeg crop x/y expressions (of the frame number n) for a segment with `pre` extra frames first. */
export function cropExpressions(framing: Framing, pre: number): { x: string; y: string } {
  if (framing.kind === "drift") {
    const at = (start: number, v: number) => `${start}+floor(${v.toFixed(6)}*(n-${pre})+0.5)`;
    return { x: at(framing.x0, framing.vx), y: at(framing.y0, framing.vy) };
  }
  // Back and forth over [0, range]: a triangle wave of the distance travelled.
  const range = framing.width - OUT_WIDTH;
  const period = 2 * range;
  const start = (((framing.phase - framing.speed * pre) % period) + period) % period;
  const travelled = `mod(${start}+${framing.speed}*n,${period})`;
  return { x: `if(lt(${travelled},${range}),${travelled},${period}-${travelled})`, y: String(framing.y) };
}
