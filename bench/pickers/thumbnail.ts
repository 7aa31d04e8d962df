/**
 * ffmpeg's own "thumbnail" filter as an anchor picker: the video is cut into `count` batches of
 * consecutive frames and the filter keeps the most representative frame of each batch; showinfo
 * after it prints each kept frame's time. Outputs in order are the picks (a short last batch can
 * add one more output; it is dropped).
 */
import { ShowinfoReader } from "../../worker/media/showinfo";
import type { TimedPick } from "./naive";

export function thumbnailArgs(file: string, totalFrames: number, count: number): string[] {
  const batch = Math.max(1, Math.floor(totalFrames / count));
  return [
    "-nostdin", "-hide_banner", "-nostats", "-v", "info", "-threads", "2",
    "-i", file, "-map", "0:V:0", "-an",
    "-vf", `thumbnail=n=${batch},showinfo`, "-fps_mode", "passthrough", "-f", "null", "-",
  ];
}

export function thumbnailPicks(stderr: string, count: number): TimedPick[] {
  const showinfo = new ShowinfoReader();
  const picks: TimedPick[] = [];
  for (const line of stderr.split("\n")) {
    const frame = showinfo.read(line);
    if (frame) picks.push({ timestampSec: frame.timeSec });
  }
  return picks.slice(0, count);
}
