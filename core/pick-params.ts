import { z } from "zod";

/** What a user chooses for a job (PRODUCT.md "Configure"); shared by the form, the API and the worker. */
export const PICK_MODES = ["profile", "action"] as const;
export const PICK_QUALITIES = ["fast", "balanced", "best"] as const;
export type PickMode = (typeof PICK_MODES)[number];
export type PickQuality = (typeof PICK_QUALITIES)[number];

export const MIN_INTERVAL_SEC = 0.5;
export const MAX_INTERVAL_SEC = 10;
export const MAX_FRAMES_ANY_TIER = 10;

export const pickParamsSchema = z.object({
  mode: z.enum(PICK_MODES, { error: "Choose a mode: profile or action" }),
  quality: z.enum(PICK_QUALITIES, { error: "Choose a quality: fast, balanced or best" }),
  count: z
    .number({ error: "Number of frames must be a number" })
    .int("Number of frames must be a whole number")
    .min(1, "Ask for at least 1 frame")
    .max(MAX_FRAMES_ANY_TIER, `At most ${MAX_FRAMES_ANY_TIER} frames per video`),
  minIntervalSec: z
    .number({ error: "Minimum interval must be a number of seconds" })
    .min(MIN_INTERVAL_SEC, `Minimum interval is at least ${MIN_INTERVAL_SEC} s`)
    .max(MAX_INTERVAL_SEC, `Minimum interval is at most ${MAX_INTERVAL_SEC} s`),
});
export type PickParams = z.infer<typeof pickParamsSchema>;

export const DEFAULT_PICK_PARAMS: PickParams = { mode: "profile", quality: "balanced", count: 3, minIntervalSec: 2 };

export const MODE_HELP: Record<PickMode, string> = {
  profile: "Clear, well-lit shots of a person: favours one well-sized face and a balanced frame.",
  action: "Peak moments: favours motion, detail and energy across the frame.",
};

export const QUALITY_HELP: Record<PickQuality, string> = {
  fast: "Looks at fewer moments; quickest.",
  balanced: "A good trade-off for most clips.",
  best: "Looks at the most moments; slowest.",
};
