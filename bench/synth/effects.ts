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
  | { kind: "overexposed"; gain: number }
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
      return { kind, gain: round2(randFloat(rng, 2.1, 2.4)) };
    case "low-contrast":
      return { kind, factor: round2(randFloat(rng, 0.25, 0.35)) };
    case "compressed":
      return { kind, qp: randInt(rng, 48, 51) };
    case "black":
    case "fade":
      return { kind };
  }
}

/**
 * Filters for the effect, to append to a segment's chain ("" for none). `pre` and `frames` locate
 * the nominal 150 frames inside a render that may carry transition frames on either side.
 */
export function effectFilter(effect: Effect, pre: number, frames: number): string {
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
      return `,lutyuv=y='clip(16+(val-16)*${effect.gain},16,235)':u='128+(val-128)*0.7':v='128+(val-128)*0.7'`;
    case "low-contrast":
      return `,lutyuv=y='126+(val-126)*${effect.factor}':u='128+(val-128)*${effect.factor}':v='128+(val-128)*${effect.factor}'`;
    case "fade": {
      // Out to black over the first half of the nominal 5 s, back in over the second half.
      const half = pre + 75;
      return (
        `,split[fo][fi];[fo]trim=end_frame=${half},fade=t=out:start_frame=${pre}:nb_frames=75[fo2];` +
        `[fi]trim=start_frame=${half},setpts=PTS-STARTPTS,fade=t=in:start_frame=0:nb_frames=${Math.min(75, frames - half)}[fi2];` +
        `[fo2][fi2]concat=n=2:v=1:a=0,settb=1/30,setpts=N`
      );
    }
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
