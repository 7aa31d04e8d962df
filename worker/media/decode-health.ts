import { isShowinfoLine, ShowinfoReader, type ShownFrame } from "./showinfo";

/**
 * Tells, frame by frame, whether what ffmpeg shows is the true picture, from what it says on
 * stderr (run with `-loglevel level+info`). A decoder that meets damaged data, or starts at a
 * "keyframe" that is not really one, conceals the gaps with gray or green blocks or copies of
 * older pictures, and those errors live on in every frame predicted from the damaged one until
 * the next picture coded on its own (an I-frame).
 */

/** How a stderr line bears on the pictures decoded around it. */
export type DecodeTrouble = "none" | "decoder" | "frame";

/**
 * `frame`: ffmpeg's own per-frame verdict, printed just before that frame enters the filters
 * (the decoder flagged it as concealed or corrupt). `decoder`: an error from the decoder, its
 * parser or the demuxer, or concealment; decoding threads log it, so it may belong to a frame a
 * little after the one being filtered. Lines of filters and the scaler are never trouble.
 */
export function decodeTrouble(line: string): DecodeTrouble {
  if (line.includes("corrupt decoded frame")) return "frame";
  if (isShowinfoLine(line) || line.includes("[swscaler @")) return "none";
  if (/(^|\] )\[(error|fatal|panic)\] /.test(line) || /concealing \d+ DC/.test(line)) return "decoder";
  return "none";
}

/**
 * Damage is assumed to last until a clean I-frame is shown, but never longer than this: longer
 * than the keyframe interval of phone and camera footage (1–2 s) and of encoders' defaults (x264:
 * 250 frames, 10 s at 25 fps). Only frames that are shown are seen, so an I-frame between two
 * samples goes unnoticed; this bound keeps one early glitch from condemning the whole video.
 */
export const MAX_DAMAGE_SEC = 10;

/**
 * In a keyframe scan, this many predicted frames in a row mean the decoder ignored
 * `-skip_frame nokey` and is decoding every frame (ffmpeg 5.1's VP9 decoder does). A sync sample
 * that is no real entry point shows up alone, between true keyframes.
 */
export const IGNORED_SKIP_RUN = 8;

export class DecodeHealth {
  private troubleSinceLastFrame = false;
  private frameFlagged = false;
  private damagedSince: number | null = null;
  private predictedInARow = 0;

  /** `keyframesOnly`: every frame shown was decoded alone, so only an I-frame can be the true picture. */
  constructor(private readonly keyframesOnly = false) {}

  /** Feed every stderr line that is not a frame report. */
  line(line: string): void {
    const trouble = decodeTrouble(line);
    if (trouble === "frame") this.frameFlagged = true;
    if (trouble !== "none") this.troubleSinceLastFrame = true;
  }

  /** Feed each frame as it is shown; true when it is the true picture as far as ffmpeg can tell. */
  frame(frame: ShownFrame): boolean {
    const troubled = this.troubleSinceLastFrame || this.frameFlagged;
    this.troubleSinceLastFrame = false;
    this.frameFlagged = false;
    if (troubled) this.damagedSince ??= frame.timeSec;
    else if (isIntra(frame) || (this.damagedSince !== null && frame.timeSec - this.damagedSince > MAX_DAMAGE_SEC)) this.damagedSince = null;
    this.predictedInARow = isPredicted(frame) ? this.predictedInARow + 1 : 0;
    // Decoded alone, a predicted frame (a sync sample that is no real entry point) is garbage.
    if (this.keyframesOnly && isPredicted(frame)) return false;
    return this.damagedSince === null;
  }

  /** A keyframe scan whose decoder is decoding every frame instead (see IGNORED_SKIP_RUN). */
  get skipIgnored(): boolean {
    return this.keyframesOnly && this.predictedInARow >= IGNORED_SKIP_RUN;
  }
}

/** I and SI pictures are coded on their own. Decoders that set no type ("?") say nothing either way. */
function isIntra(frame: ShownFrame): boolean {
  return frame.pictType === "I" || frame.pictType === "i";
}

/** P, B, S (sprite), SP and BI pictures need others to be decoded. */
function isPredicted(frame: ShownFrame): boolean {
  return "PBSpb".includes(frame.pictType);
}

/** A frame ffmpeg showed: when, and whether it is the true picture as far as ffmpeg can tell. */
export interface CheckedFrame {
  timeSec: number;
  intact: boolean;
}

/** Reads ffmpeg's stderr line by line: the frames showinfo reports, each judged by DecodeHealth. */
export class CheckedFrames {
  private readonly showinfo = new ShowinfoReader();
  private readonly health: DecodeHealth;

  constructor(keyframesOnly = false) {
    this.health = new DecodeHealth(keyframesOnly);
  }

  /** A keyframe scan whose decoder is decoding every frame instead (see IGNORED_SKIP_RUN). */
  get skipIgnored(): boolean {
    return this.health.skipIgnored;
  }

  /** The frame `line` reports, or null for any other line (which still counts towards the decode's health). */
  read(line: string): CheckedFrame | null {
    const frame = this.showinfo.read(line);
    if (frame) return { timeSec: frame.timeSec, intact: this.health.frame(frame) };
    if (!isShowinfoLine(line)) this.health.line(line);
    return null;
  }
}
