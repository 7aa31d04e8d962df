/**
 * Real clips degraded by construction, labelled by how they were made: the parent's labels, with
 * the stretch the degradation covers marked unusable for its reason (a whole-clip change, such as
 * rotation or heavy compression, keeps the parent's labels: every moment suffers alike, so the
 * parent's good moments are still the ones to pick). Made once with ffmpeg into
 * bench/out/real/degraded/, in the parent's half (split.ts).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { resolveFfmpeg } from "~/worker/media/binaries";
import { runTool } from "../synth/exec";
import { withUnusable, type ClipLabels, type UnusableReason } from "./labels";

export const DEGRADED_DIR = join(import.meta.dirname, "..", "out", "real", "degraded");

interface Degradation {
  name: string;
  /** How it was made, for the tables. */
  what: string;
  /** ffmpeg arguments for a clip of `duration` seconds (video filters and flags before the output). */
  args: (duration: number) => string[];
  /** The stretch made unusable, as fractions of the clip, and why; none for whole-clip changes. */
  unusable?: { from: number; to: number; reason: UnusableReason };
  /** A second pass that copies the stream (ffmpeg 5.1 writes rotation metadata only when remuxing). */
  remux?: string[];
  /** Its labelled faces count in the face recall table (they are harder to find than the parent's). */
  faceRecall?: true;
}

const x264 = (crf: number) => ["-c:v", "libx264", "-preset", "veryfast", "-crf", String(crf), "-pix_fmt", "yuv420p"];
const during = (from: number, to: number, duration: number) => `enable='between(t,${(from * duration).toFixed(3)},${(to * duration).toFixed(3)})'`;

export const DEGRADATIONS: readonly Degradation[] = [
  { name: "blurred", what: "defocus blur (σ 6) over 35–65 %", args: (d) => ["-vf", `gblur=sigma=6:${during(0.35, 0.65, d)}`, ...x264(20)], unusable: { from: 0.35, to: 0.65, reason: "heavy blur" } },
  {
    name: "dark-noisy",
    what: "under-exposed by 2 stops with sensor noise over 30–60 %",
    args: (d) => ["-vf", `eq=brightness=-0.25:contrast=0.35:${during(0.3, 0.6, d)},noise=alls=28:allf=t:${during(0.3, 0.6, d)}`, ...x264(20)],
    unusable: { from: 0.3, to: 0.6, reason: "dark and noisy" },
  },
  { name: "fade-out", what: "fades to black over the last 30 %", args: (d) => ["-vf", `fade=t=out:st=${(0.7 * d).toFixed(3)}:d=${(0.3 * d).toFixed(3)}`, ...x264(20)], unusable: { from: 0.7, to: 1, reason: "black or fade" } },
  // Motion blur where only one thing moves: the rest of the frame stays crisp, so a blur measure
  // that judges the frame by its sharpest parts cannot see it. A test card (no face) sweeps to
  // and fro along the bottom at a steady 0.9 frame widths a second the whole clip; over the
  // stretch, its layer is a blend of 9 frames, as a slow shutter records a fast object.
  {
    name: "smeared",
    what: "a card sweeping along the bottom, smeared by a 9-frame shutter over 35–65 %",
    args: (d) => [
      "-vf",
      [
        `testsrc2=s=256x192:r=30:d=${d.toFixed(3)},format=rgba[card]`,
        "[in]split[base][canvas]",
        "[canvas]format=rgba,colorchannelmixer=aa=0[clear]",
        "[card][clear]scale2ref=w=oh*4/3:h=main_h*0.35[sized][clear2]",
        "[clear2][sized]overlay=x='(W-w)*abs(mod(t*0.9\\,2)-1)':y='H*0.95-h':format=auto:shortest=1,split[sharp][moving]",
        "[moving]tmix=frames=9[smear]",
        `[base][sharp]overlay=shortest=1:enable='not(between(t,${(0.35 * d).toFixed(3)},${(0.65 * d).toFixed(3)}))'[crossed]`,
        `[crossed][smear]overlay=shortest=1:${during(0.35, 0.65, d)}`,
      ].join(";"),
      ...x264(20),
    ],
    unusable: { from: 0.35, to: 0.65, reason: "heavy blur" },
  },
  { name: "shaken", what: "handheld shake: a 90 % crop wandering ±4 %", args: () => ["-vf", "crop=iw*0.9:ih*0.9:x='(iw-ow)/2+sin(t*11)*iw*0.04':y='(ih-oh)/2+cos(t*7)*ih*0.03',scale=trunc(iw/2)*2:trunc(ih/2)*2", ...x264(20)] },
  { name: "compressed", what: "heavy compression (x264 CRF 44)", args: () => x264(44) },
  { name: "vfr", what: "variable frame rate (an irregular subset of frames, original times)", args: () => ["-vf", "select='not(mod(n\\,3))+eq(mod(n\\,7)\\,1)'", "-fps_mode", "vfr", ...x264(20)] },
  // Stored turned a quarter counter-clockwise; the tag (which ffmpeg 5.1 reads counter-clockwise)
  // tells players to turn it back: upright only for a reader that honours it.
  { name: "rotated", what: "stored sideways with rotation metadata, as phones do", args: () => ["-vf", "transpose=2", ...x264(20)], remux: ["-metadata:s:v:0", "rotate=270"] },
  // The same scene seen from five times as far: the far webcam face (a detector box 23 % of the
  // frame height) becomes 4.7 %, the size the face recall target goes down to. Plain gray around
  // it, so there is no second, large face.
  {
    name: "small",
    what: "shrunk to a fifth, in the middle of a plain gray frame (faces a fifth of their height)",
    args: () => ["-vf", "scale=trunc(iw/10)*2:trunc(ih/10)*2,pad=iw*5:ih*5:(ow-iw)/2:(oh-ih)/2:color=0x606060", ...x264(20)],
    faceRecall: true,
  },
];

/** Clips too short to hold a degraded stretch and good moments beside it are not degraded. */
export const MIN_PARENT_SEC = 4;

export interface DegradedClip {
  id: string;
  parent: string;
  file: string;
  what: string;
  labels: ClipLabels;
  faceRecall: boolean;
}

/** Makes (once) every degradation of a parent clip and returns them with their labels. */
export async function ensureDegraded(parent: { id: string; file: string; durationSec: number; labels: ClipLabels }, log: (line: string) => void): Promise<DegradedClip[]> {
  mkdirSync(DEGRADED_DIR, { recursive: true });
  const out: DegradedClip[] = [];
  for (const degradation of DEGRADATIONS) {
    const id = `${parent.id}~${degradation.name}`;
    const file = join(DEGRADED_DIR, `${id}.mp4`);
    if (!existsSync(file)) {
      log(`making ${id} …`);
      const partial = `${file}.partial.mp4`;
      await runTool(resolveFfmpeg(), ["-nostdin", "-v", "error", "-y", "-i", parent.file, "-map", "0:V:0", "-an", ...degradation.args(parent.durationSec), partial]);
      if (degradation.remux) {
        const encoded = `${file}.encoded.mp4`;
        renameSync(partial, encoded);
        await runTool(resolveFfmpeg(), ["-nostdin", "-v", "error", "-y", "-i", encoded, "-c", "copy", ...degradation.remux, partial]);
        rmSync(encoded);
      }
      renameSync(partial, file);
    }
    const u = degradation.unusable;
    const ranges = u ? withUnusable(parent.labels, u.from * parent.durationSec, u.to * parent.durationSec, u.reason) : parent.labels.ranges;
    out.push({ id, parent: parent.id, file, what: degradation.what, labels: { ...parent.labels, id, ranges, labelledBy: `made from ${parent.id}: ${degradation.what}` }, faceRecall: degradation.faceRecall === true });
  }
  return out;
}
