/** A one-line picture of a video's labels, for the generator's summary. */
import type { GroundTruth, Segment, SegmentQuality } from "~/bench/ground-truth";

const DEGRADED_CODES: Record<Exclude<SegmentQuality, "good">, string> = {
  defocus: "df",
  "motion-blur": "mb",
  dark: "dk",
  overexposed: "ov",
  "low-contrast": "lc",
  compressed: "cq",
  black: "bk",
  fade: "fd",
};

export const LAYOUT_LEGEND =
  "G good still, g its repeat, M good pan, * one face; degraded: df defocus, mb motion blur, dk dark, " +
  "ov overexposed, lc low contrast, cq compressed, bk black, fd fade; between: space cut, ~ dissolve, # fade through black";

export function layoutString(truth: GroundTruth): string {
  const seen = new Set<string>();
  return truth.segments
    .map((segment, i) => {
      const token = segmentCode(segment, seen);
      if (i === 0) return token;
      const transition = truth.transitions.find((t) => t.startSec < segment.startSec && t.endSec > segment.startSec);
      const join = !transition ? " " : transition.kind === "dissolve" ? " ~ " : " # ";
      return join + token;
    })
    .join("");
}

function segmentCode(segment: Segment, seen: Set<string>): string {
  if (segment.quality !== "good") return DEGRADED_CODES[segment.quality];
  if (segment.motion === "moving") return "M";
  const face = segment.faces === 1 ? "*" : "";
  const repeat = segment.dupGroup !== null && seen.has(segment.dupGroup);
  if (segment.dupGroup !== null) seen.add(segment.dupGroup);
  return (repeat ? "g" : "G") + face;
}
