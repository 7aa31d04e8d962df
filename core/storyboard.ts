/**
 * A job's storyboard: one contact sheet of the whole video, a tile per stretch of time, made by
 * the worker next to the picks. What is stored of it, and its shape, live here for every layer.
 */

/** A tile's moment and where it sits on the sheet, in the sheet's pixels. */
export interface StoryboardTile {
  timestampSec: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** jobs.storyboard: null when the job made none (older jobs, or a video it could not be made from). */
export interface StoredStoryboard {
  s3Key: string;
  width: number;
  height: number;
  bytes: number;
  tiles: StoryboardTile[];
}

export const STORYBOARD_LAYOUT = {
  /** One tile per this many seconds of video, within the bounds below. */
  secondsPerTile: 4,
  minTiles: 4,
  maxTiles: 16,
  columns: 4,
  /** Long side of a tile: small enough that 16 make a sheet about 1.3k pixels wide. */
  tileLongSide: 320,
  gap: 8,
  /** The strip under each tile that carries its time. */
  labelHeight: 26,
} as const;

/** The worker makes the sheet after the job is done, and gives it up past this (the page stops waiting soon after). */
export const STORYBOARD_TIMEOUT_MS = 60_000;
