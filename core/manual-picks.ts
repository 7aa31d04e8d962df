import type { TierLimits } from "./tiers";

/**
 * Moments the owner adds to a finished job's picks by hand, from its timeline. The worker renders
 * each from the source like any pick: same checks, crops, plan and download names.
 */

/** Hand-picked frames a job may get on top of its automatic ones: as many as the plan picks automatically. */
export function manualPicksAllowed(tier: Pick<TierLimits, "maxFramesPerVideo">): number {
  return tier.maxFramesPerVideo;
}

/** Two moments closer than half a frame are the same frame. */
export function sameFrame(a: number, b: number, fps: number | null): boolean {
  return Math.abs(a - b) < 0.5 / (fps && fps > 0 ? fps : 30);
}

/** A hand-picked moment whose render runs longer than this is given up (and may be asked for again). */
export const MANUAL_PICK_TIMEOUT_MS = 120_000;
