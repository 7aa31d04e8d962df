import type { OutputFormat, TierLimits } from "~/core/tiers";

export interface OutputPolicy {
  maxLongSide: number | null;
  watermark: boolean;
  format: OutputFormat;
}

/** How frames are delivered for a tier (PRODUCT.md): size cap, watermark, format. */
export function outputPolicyFor(tier: TierLimits): OutputPolicy {
  return { maxLongSide: tier.maxOutputLongSide, watermark: tier.watermark, format: "jpeg" };
}

export const FORMAT_EXTENSION: Record<OutputFormat, string> = { jpeg: "jpg", png: "png", webp: "webp" };
export const FORMAT_CONTENT_TYPE: Record<OutputFormat, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
};
