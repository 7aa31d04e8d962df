/**
 * Why a job delivered fewer frames than were asked for, in data and in words. The picker
 * (worker/picker/pick.ts) decides it, the job row stores it, and the results page and the CLI
 * say it with `shortfallMessage`, so every layer tells the user the same thing.
 */
import { z } from "zod";

/** What makes a moment unfit to deliver (worker/picker/quality.ts `defectOf`). */
export const DEFECTS = ["dark", "flat", "transition", "blurred", "noisy"] as const;
export type Defect = (typeof DEFECTS)[number];

export const DEFECT_LABELS: Record<Defect, string> = {
  dark: "too dark",
  flat: "nearly blank",
  transition: "caught mid-transition",
  blurred: "blurred",
  noisy: "dark and grainy",
};

/**
 * - `too-short`: the video cannot hold that many frames that far apart;
 * - `too-alike`: more frames would be copies of the same view;
 * - `degraded`: the other moments are unfit (their defects listed, most common first);
 * - `all-degraded`: no moment is fit, so the one least bad is delivered.
 */
export const SHORTFALL_REASONS = ["too-short", "too-alike", "degraded", "all-degraded"] as const;
export type ShortfallReason = (typeof SHORTFALL_REASONS)[number];

export const shortfallSchema = z.object({
  reason: z.enum(SHORTFALL_REASONS),
  defects: z.array(z.enum(DEFECTS)),
});
export type Shortfall = z.infer<typeof shortfallSchema>;

const listed = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)!}`);

/** One or two sentences for the user; `asked` and `delivered` are frame counts. */
export function shortfallMessage(shortfall: Shortfall, asked: number, delivered: number, minIntervalSec: number): string {
  const defects = listed(shortfall.defects.map((d) => DEFECT_LABELS[d]));
  switch (shortfall.reason) {
    case "too-short":
      return `Found ${delivered} of the ${asked} frames you asked for: the video is too short for more frames ${minIntervalSec} s apart. Lower the minimum interval to get more.`;
    case "too-alike":
      return `Found ${delivered} of the ${asked} frames you asked for: more would repeat the same view.`;
    case "degraded":
      return `Found ${delivered} of the ${asked} frames you asked for: the rest of the video is ${defects || "not good enough"}, so we left those moments out.`;
    case "all-degraded":
      return `No moment of this video is clean enough (it is ${defects || "poor throughout"}), so here is the best one we found.`;
  }
}
