import type { OutputFormat, TierLimits } from "~/core/tiers";

export interface OutputPolicy {
  maxLongSide: number | null;
  watermark: boolean;
  format: OutputFormat;
}

/**
 * How frames are delivered for the owner's tier at processing time (core/tiers.ts): size cap,
 * watermark, and the requested format if the tier still offers it (an owner whose Pro lapsed
 * after asking for PNG gets JPEG), else JPEG.
 */
export function outputPolicyFor(tier: TierLimits, requested: OutputFormat): OutputPolicy {
  const format = tier.formats.includes(requested) ? requested : "jpeg";
  return { maxLongSide: tier.maxOutputLongSide, watermark: tier.watermark, format };
}

export const FORMAT_EXTENSION: Record<OutputFormat, string> = { jpeg: "jpg", png: "png", webp: "webp" };
export const FORMAT_CONTENT_TYPE: Record<OutputFormat, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};
