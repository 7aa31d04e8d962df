/**
 * The degradations, as ffmpeg filters applied to a segment after framing (on yuv420p, limited
 * range: black is Y=16, white Y=235, neutral chroma 128). Strengths are drawn per segment so a
 * picker cannot key on one exact level.
 */
import type { SegmentQuality } from "~/bench/ground-truth";
import { randFloat, randInt, type Rng } from "./prng";

export type Effect =
  | { kind: "none" }
  | { kind: "defocus"; sigma: number }
  | { kind: "motion-blur"; radius: number }
  | { kind: "dark"; gain: number }
  /** Share of the frame's pixels that must clip to white; the gain follows from the frame (overexposureGain). */
  | { kind: "overexposed"; clipShare: number }
  | { kind: "low-contrast"; factor: number }
  | { kind: "compressed"; qp: number }
  | { kind: "black" }
  | { kind: "fade" };

export type DegradedKind = Exclude<SegmentQuality, "good">;

export function drawEffect(rng: Rng, kind: DegradedKind): Effect {
  switch (kind) {
    case "defocus":
      return { kind, sigma: round2(randFloat(rng, 4, 6)) };
    case "motion-blur":
      // A box of 2·radius+1 = 15–25 px.
      return { kind, radius: randInt(rng, 7, 12) };
    case "dark":
      return { kind, gain: round2(randFloat(rng, 0.2, 0.3)) };
    case "overexposed":
      return { kind, clipShare: round2(randFloat(rng, 0.35, 0.5)) };
    case "low-contrast":
      return { kind, factor: round2(randFloat(rng, 0.25, 0.35)) };
    case "compressed":
      return { kind, qp: randInt(rng, 48, 51) };
    case "black":
    case "fade":
      return { kind };
  }
}

/** Brightest a "fade" segment gets, as a share of the photo's brightness: even its ends look dim. */
const FADE_PEAK = 0.45;
/** Even an already bright photo is brightened at least this much when overexposed. */
const MIN_OVEREXPOSE_GAIN = 1.6;
const MAX_OVEREXPOSE_GAIN = 20;

/**
 * The luma gain that takes at least `clipShare` of every given frame to white (Y = 235): a fixed
 * gain barely clips a dark photo, so it is read off the frames' own luma. `frames` holds whole
 * 8-bit Y planes (limited range) of `frameSize` bytes each.
 */
export function overexposureGain(frames: Uint8Array, frameSize: number, clipShare: number): number {
  let gain = MIN_OVEREXPOSE_GAIN;
  for (let start = 0; start + frameSize <= frames.length; start += frameSize) {
    const histogram = new Array<number>(256).fill(0);
    for (let i = start; i < start + frameSize; i++) histogram[frames[i]!]!++;
    // The darkest level that must still reach white: clipShare of the pixels are at or above it.
    let above = 0;
    let level = 256;
    while (level > 17 && above < clipShare * frameSize) above += histogram[--level]!;
    gain = Math.max(gain, 219 / (level - 16));
  }
  // Rounded up, so the level lands on white and not a hair below it.
  return Math.min(MAX_OVEREXPOSE_GAIN, Math.ceil(gain * 100) / 100);
}

/**
 * Filters for the effect, to append to a segment's chain ("" for none). `pre` and `frames` locate
 * the nominal 150 frames inside a render that may carry transition frames on either side.
 * `overexposeGain` (from overexposureGain) is needed for, and only used by, "overexposed".
 */
export function effectFilter(effect: Effect, pre: number, frames: number, overexposeGain?: number): string {
  switch (effect.kind) {
    case "none":
    case "compressed": // Done by the encoder (renderSegment), not by a filter.
    case "black":
      return "";
    case "defocus":
      return `,gblur=sigma=${effect.sigma}:steps=3`;
    case "motion-blur":
      // Horizontal smear along the pan; avgblur's smallest vertical radius (1) barely shows.
      return `,avgblur=sizeX=${effect.radius}:sizeY=1`;
    case "dark":
      // Underexposed, and the darkest tones crushed to pure black.
      return `,lutyuv=y='clip(16+(val-16)*${effect.gain}-4,16,235)':u='128+(val-128)*${effect.gain}':v='128+(val-128)*${effect.gain}'`;
    case "overexposed":
      if (overexposeGain === undefined) throw new Error("an overexposed segment needs its measured gain");
      return `,lutyuv=y='clip(16+(val-16)*${overexposeGain},16,235)':u='128+(val-128)*0.7':v='128+(val-128)*0.7'`;
    case "low-contrast":
      return `,lutyuv=y='126+(val-126)*${effect.factor}':u='128+(val-128)*${effect.factor}':v='128+(val-128)*${effect.factor}'`;
    case "fade": {
      // Out to black over the first half of the nominal 5 s, back in over the second half, all of
      // it dimmed to FADE_PEAK: a full-brightness start and end would be good frames labelled bad.
      const half = pre + 75;
      const dim = (center: number) => `${center}+(val-${center})*${FADE_PEAK}`;
      return (
        `,split[fo][fi];[fo]trim=end_frame=${half},fade=t=out:start_frame=${pre}:nb_frames=75[fo2];` +
        `[fi]trim=start_frame=${half},setpts=PTS-STARTPTS,fade=t=in:start_frame=0:nb_frames=${Math.min(75, frames - half)}[fi2];` +
        `[fo2][fi2]concat=n=2:v=1:a=0,settb=1/30,setpts=N,lutyuv=y='${dim(16)}':u='${dim(128)}':v='${dim(128)}'`
      );
    }
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
