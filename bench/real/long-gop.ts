/**
 * Long-GOP clips, labelled by how they were made: clips of one half (or of generator 2, all held
 * out) played one after another at 640 × 360, 30 fps, and encoded with a keyframe every few
 * seconds whatever the picture does (no extra keyframe at a cut, as a camera or a fixed-interval
 * export writes them). The labels are the parts' own, moved to where each part starts. They test
 * what a keyframe scan sees when keyframes are far apart and fall anywhere in a shot. Made once
 * into bench/out/real/long-gop/.
 */
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { resolveFfmpeg } from "~/worker/media/binaries";
import { runTool } from "../synth/exec";
import { clipLabelsSchema, type ClipLabels, type LabelledRange } from "./labels";
import type { Half } from "./split";

export const LONG_GOP_DIR = join(import.meta.dirname, "..", "out", "real", "long-gop");
const FPS = 30;
const SIZE = { width: 640, height: 360 };

export interface LongGopPart {
  id: string;
  file: string;
  durationSec: number;
  labels: ClipLabels;
}

export interface LongGopPlan {
  id: string;
  half: Half;
  /** Seconds between keyframes. */
  gopSec: number;
  parts: readonly LongGopPart[];
}

export interface LongGopClip {
  id: string;
  half: Half;
  file: string;
  durationSec: number;
  labels: ClipLabels;
}

/** Makes (once) the clip of a plan and returns it with its labels. */
export async function ensureLongGop(plan: LongGopPlan, log: (line: string) => void): Promise<LongGopClip> {
  mkdirSync(LONG_GOP_DIR, { recursive: true });
  // Each part is cut to a whole number of frames, so the labels' offsets are exact.
  const frames = plan.parts.map((p) => Math.max(1, Math.round(p.durationSec * FPS)));
  const file = join(LONG_GOP_DIR, `${plan.id}.mp4`);
  if (!existsSync(file)) {
    log(`making ${plan.id} from ${plan.parts.length} clips …`);
    const partial = `${file}.partial.mp4`;
    const fit = `scale=${SIZE.width}:${SIZE.height}:force_original_aspect_ratio=decrease,pad=${SIZE.width}:${SIZE.height}:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p`;
    const graph = [
      ...plan.parts.map((_, i) => `[${i}:V:0]${fit},fps=${FPS},trim=end_frame=${frames[i]},setpts=PTS-STARTPTS[p${i}]`),
      `${plan.parts.map((_, i) => `[p${i}]`).join("")}concat=n=${plan.parts.length}:v=1:a=0[out]`,
    ].join(";");
    const gop = String(Math.round(plan.gopSec * FPS));
    await runTool(resolveFfmpeg(), [
      "-nostdin", "-v", "error", "-y",
      ...plan.parts.flatMap((p) => ["-i", p.file]),
      "-filter_complex", graph, "-map", "[out]", "-an",
      "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
      // A keyframe every gopSec and nowhere else: no scene-cut keyframes.
      "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
      partial,
    ]);
    renameSync(partial, file);
  }
  const ranges: LabelledRange[] = [];
  const faces: Array<{ from: number; to: number }> = [];
  let offset = 0;
  plan.parts.forEach((part, i) => {
    const length = frames[i]! / FPS;
    const end = offset + length;
    for (const range of part.labels.ranges) {
      const from = offset + Math.min(range.from, length);
      const to = offset + Math.min(range.to, length);
      if (to > from) ranges.push({ ...range, from, to });
    }
    // The last range of a part ends where the next part starts.
    if (ranges.length > 0) ranges.at(-1)!.to = end;
    for (const face of part.labels.faces ?? []) {
      const from = offset + Math.min(face.from, length);
      const to = offset + Math.min(face.to, length);
      if (to > from) faces.push({ from, to });
    }
    offset = end;
  });
  // Checked like hand-made labels: ranges that cover the whole clip, one after another.
  const labels = clipLabelsSchema.parse({
    id: plan.id,
    labelledBy: `made from ${plan.parts.map((p) => p.id).join(", ")}: their labels, one after another`,
    ranges,
    ...(faces.length > 0 ? { faces } : {}),
  });
  return { id: plan.id, half: plan.half, file, durationSec: offset, labels };
}
