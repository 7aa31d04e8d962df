/**
 * Reads ffmpeg's stderr, run with `-loglevel level+info`: the frames `showinfo` reports, and the
 * decoder's complaints. pts_time is printed with only 6 significant digits (10 ms steps past
 * 1000 s), so the integer pts × the link's time base, which showinfo prints once at start, is
 * used when known.
 */
const FRAME_LINE = /Parsed_showinfo_\d+ @ [^\]]*\]\s+(?:\[\w+\]\s+)?n:\s*\d+\s+pts:\s*(-?\d+)\s+pts_time:(\S+).*?\biskey:([01])\s+type:(\S)/;
const TIME_BASE_LINE = /Parsed_showinfo_\d+ @ [^\]]*\]\s+(?:\[\w+\]\s+)?config in time_base: (\d+)\/(\d+)/;

/** One frame as showinfo saw it. */
export interface ShownFrame {
  /** Presentation time, seconds (from the start of the file, or of the seek for input seeking). */
  timeSec: number;
  /** The demuxer called it a keyframe (an entry point for seeking). */
  keyframe: boolean;
  /** The decoder's picture type: I (coded alone), P, B, … or ? when unknown. */
  pictType: string;
}

export class ShowinfoReader {
  private timeBase: number | null = null;

  /** The frame `line` reports, or null for any other line. */
  read(line: string): ShownFrame | null {
    const frame = FRAME_LINE.exec(line);
    if (frame) {
      const timeSec = this.timeBase ? Number(frame[1]) * this.timeBase : Number(frame[2]);
      return { timeSec, keyframe: frame[3] === "1", pictType: frame[4]! };
    }
    const base = TIME_BASE_LINE.exec(line);
    if (base) this.timeBase = Number(base[1]) / Number(base[2]) || null;
    return null;
  }
}

export function isShowinfoLine(line: string): boolean {
  return line.includes("Parsed_showinfo");
}
