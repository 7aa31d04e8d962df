/**
 * Reads frame times from ffmpeg's `showinfo` filter on stderr. pts_time is printed with only 6
 * significant digits (10 ms steps past 1000 s), so the integer pts × the link's time base, which
 * showinfo prints once at start, is used when known.
 */
const FRAME_LINE = /Parsed_showinfo_\d+ @ [^\]]*\]\s+n:\s*\d+\s+pts:\s*(-?\d+)\s+pts_time:(\S+)/;
const TIME_BASE_LINE = /Parsed_showinfo_\d+ @ [^\]]*\] config in time_base: (\d+)\/(\d+)/;

export class ShowinfoTimes {
  private timeBase: number | null = null;

  /** The frame time (seconds) if `line` reports a frame; null for any other line. */
  read(line: string): number | null {
    const frame = FRAME_LINE.exec(line);
    if (frame) return this.timeBase ? Number(frame[1]) * this.timeBase : Number(frame[2]);
    const base = TIME_BASE_LINE.exec(line);
    if (base) this.timeBase = Number(base[1]) / Number(base[2]) || null;
    return null;
  }
}

export function isShowinfoLine(line: string): boolean {
  return line.includes("Parsed_showinfo");
}
