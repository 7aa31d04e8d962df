import { z } from "zod";
import type { OutputFormat } from "./tiers";

/** What a user chooses for a job (the configure step); shared by the form, the API and the worker. */
export const PICK_MODES = ["profile", "action"] as const;
export const PICK_QUALITIES = ["fast", "balanced", "best"] as const;
export type PickMode = (typeof PICK_MODES)[number];
export type PickQuality = (typeof PICK_QUALITIES)[number];

export const MIN_INTERVAL_SEC = 0.5;
export const MAX_INTERVAL_SEC = 10;
export const MAX_FRAMES_ANY_TIER = 10;
export const OUTPUT_FORMATS = ["jpeg", "png", "webp"] as const satisfies readonly OutputFormat[];

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
  /** Delivery format; the server refuses one the tier does not offer (JPEG for all, PNG/WebP for Pro). */
  format: z.enum(OUTPUT_FORMATS, { error: "Choose a format: JPEG, PNG or WebP" }).default("jpeg"),
});
/** Everything a job is asked for, the output format included. */
export type JobSettings = z.infer<typeof pickParamsSchema>;
/** What the picker needs: how to choose frames, not how to encode them. */
export type PickParams = Omit<JobSettings, "format">;

export const DEFAULT_PICK_PARAMS: PickParams = { mode: "profile", quality: "balanced", count: 3, minIntervalSec: 2 };

export const MODE_HELP: Record<PickMode, string> = {
  profile: "Clear, well-lit shots of a person: favours one well-sized face and a balanced frame.",
  action: "Peak moments: favours motion, detail and energy across the frame.",
};

export const FORMAT_LABELS: Record<OutputFormat, string> = { jpeg: "JPEG", png: "PNG", webp: "WebP" };

export const FORMAT_HELP: Record<OutputFormat, string> = {
  jpeg: "Small files that open anywhere.",
  png: "Lossless, larger files.",
  webp: "Smaller than JPEG at the same quality.",
};

export const QUALITY_HELP: Record<PickQuality, string> = {
  fast: "Scans keyframes only; quickest.",
  balanced: "Scans keyframes, then looks closely around the most promising moments.",
  best: "Looks closely at the whole video; about as long as decoding it.",
};
