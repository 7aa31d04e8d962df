/**
 * The labels every benchmark video carries (bench/out/videos/<name>.json next to <name>.mp4),
 * and how picks are judged against them. Shared by the generator and the runner.
 */
import type { PickMode } from "~/core/pick-params";

/** What was done to a segment's picture. Only "good" segments can be relevant picks. */
export const SEGMENT_QUALITIES = [
  "good",
  "defocus",
  "motion-blur",
  "dark",
  "overexposed",
  "low-contrast",
  "compressed",
  "black",
  "fade",
] as const;
export type SegmentQuality = (typeof SEGMENT_QUALITIES)[number];

export interface Segment {
  startSec: number;
  endSec: number;
  quality: SegmentQuality;
  /** Source photograph id (e.g. "skimage/astronaut", "face-api/sample3#1"); null for black. */
  photo: string | null;
  /** Faces visible in the segment (0, 1, or more). */
  faces: number;
  /**
   * "static": a slow drift over one photo, every moment of it looks the same (two picks from it
   * are near-duplicates). "moving": a fast pan, so moments a second apart show different things.
   */
  motion: "static" | "moving";
  /**
   * Segments with the same group show the same picture (a later repeat of a photo); two picks from
   * one group are a near-duplicate pair. Static segments always have a group; moving ones do not.
   */
  dupGroup: string | null;
}

export interface Transition {
  startSec: number;
  endSec: number;
  kind: "dissolve" | "fade-through-black";
}

export interface GroundTruth {
  version: 1;
  /** Version of the generator that made the video (bench/synth/videos.ts); stale videos are rebuilt. */
  generator?: number;
  /** File name of the video, next to this JSON. */
  file: string;
  durationSec: number;
  width: number;
  height: number;
  fps: number;
  /** Keyframe interval, in frames. */
  gopFrames: number;
  seed: number;
  segments: Segment[];
  /** Frames inside a transition are never relevant, whatever the segments either side. */
  transitions: Transition[];
}

export interface JudgedPick {
  timestampSec: number;
}

/**
 * Frames this close to either end of a transition (as a share of its length) are still mostly
 * one shot: a frame 1/15 into a dissolve is 93 % the outgoing picture, and judged as that shot.
 */
export const TRANSITION_EDGE_SHARE = 0.2;

/** The segment shown at `t`, or null inside a transition (its middle) or outside every segment. */
export function segmentAt(truth: GroundTruth, t: number): Segment | null {
  const inTransition = (tr: Transition) => {
    const edge = (tr.endSec - tr.startSec) * TRANSITION_EDGE_SHARE;
    return t >= tr.startSec + edge && t < tr.endSec - edge;
  };
  if (truth.transitions.some(inTransition)) return null;
  return truth.segments.find((s) => t >= s.startSec && t < s.endSec) ?? null;
}

/**
 * Relevant = what a user of that mode would keep: a technically good picture; for action mode it
 * must also be a moment of movement (a fast pan), for profile mode any good picture counts.
 */
export function isRelevant(truth: GroundTruth, t: number, mode: PickMode): boolean {
  const segment = segmentAt(truth, t);
  if (!segment || segment.quality !== "good") return false;
  return mode === "profile" || segment.motion === "moving";
}

/** Does the video have a good segment with exactly one face (profile mode must find it)? */
export function hasGoodSingleFace(truth: GroundTruth): boolean {
  return truth.segments.some((s) => s.quality === "good" && s.faces === 1);
}

/** Is some pick on a good segment with exactly one face? */
export function hitsGoodFace(truth: GroundTruth, picks: readonly JudgedPick[]): boolean {
  return picks.some((p) => {
    const segment = segmentAt(truth, p.timestampSec);
    return segment !== null && segment.quality === "good" && segment.faces === 1;
  });
}

/** Pairs of picks that show the same picture (same duplicate group). */
export function nearDuplicatePairs(truth: GroundTruth, picks: readonly JudgedPick[]): number {
  const groups = picks.map((p) => segmentAt(truth, p.timestampSec)?.dupGroup ?? null);
  let pairs = 0;
  for (let a = 0; a < groups.length; a++) {
    for (let b = a + 1; b < groups.length; b++) if (groups[a] !== null && groups[a] === groups[b]) pairs++;
  }
  return pairs;
}

/** Share of picks that are relevant, over the number asked for (missing picks count as misses). */
export function precisionAt(truth: GroundTruth, picks: readonly JudgedPick[], asked: number, mode: PickMode): number {
  if (asked <= 0) return 0;
  return picks.slice(0, asked).filter((p) => isRelevant(truth, p.timestampSec, mode)).length / asked;
}
