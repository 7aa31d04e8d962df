/**
 * Renders generator 2's plan (plan.ts) with ffmpeg into bench/out/synth2/<plan hash>/, once: a
 * second run finds the files and encodes nothing. Each clip is one ffmpeg run: every photo shot
 * is zoompan over the photo's 16:9 crop (supersampled 2–4×, so slow moves do not step), spoiled
 * stretches are filters switched on for exactly their frames, shots are joined by cuts or
 * xfade dissolves, and the result is H.264.
 *
 *   npx tsx bench/synth2/render.ts [--sheets]   render, and with --sheets a labelled contact sheet per clip
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ClipLabels } from "../real/labels";
import { ensurePhotos, photoById, photoFile, PHOTOS } from "./photos";
import { WHIP_SUBFRAMES, cropOf, labelsOf, planClips, timeline, type ClipPlan, type Key, type PhotoShot } from "./plan";

export const SYNTH2_DIR = join(import.meta.dirname, "..", "out", "synth2");
/** Bump when the rendering changes while the plan does not: the cache key includes it. */
const RENDER_VERSION = 1;

export interface Synth2Clip {
  id: string;
  file: string;
  durationSec: number;
  labels: ClipLabels;
  plan: ClipPlan;
}

function ffmpeg(args: readonly string[]): Promise<void> {
  const bin = process.env.FFMPEG_PATH ?? "ffmpeg";
  return new Promise((resolve, reject) => {
    execFile(bin, ["-nostdin", "-hide_banner", "-v", "error", "-y", ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`ffmpeg failed: ${String(stderr).trim().slice(-800) || error.message}`));
      else resolve();
    });
  });
}

export function planHash(plans: readonly ClipPlan[]): string {
  const photos = PHOTOS.map((p) => [p.id, p.sha256]);
  return createHash("sha256").update(JSON.stringify({ RENDER_VERSION, photos, plans })).digest("hex").slice(0, 12);
}

const num = (v: number) => v.toFixed(6);

/** A piecewise-linear expression of zoompan's output frame number `on` through the keys. */
function keyed(keys: readonly Key[], value: (k: Key) => number): string {
  let expr = "";
  for (let i = keys.length - 2; i >= 0; i--) {
    const a = keys[i]!;
    const b = keys[i + 1]!;
    const segment = `${num(value(a))}+(${num(value(b) - value(a))})*(on-${a.frame})/${b.frame - a.frame}`;
    expr = expr ? `if(lt(on,${b.frame}),${segment},${expr})` : segment;
  }
  return expr || num(value(keys[0]!));
}

/** Frames [from, to) as a timeline condition on t (frame i is at i / fps; half a frame either side). */
const during = (from: number, to: number, fps: number) => `enable='between(t,${num((from - 0.5) / fps)},${num((to - 0.5) / fps)})'`;

function photoChain(plan: ClipPlan, shot: PhotoShot, input: number, tag: string): string {
  const photo = photoById(shot.photo);
  const crop = cropOf(photo);
  const supersample = plan.width <= 640 ? 4 : 2;
  const [sw, sh] = [plan.width * supersample, plan.height * supersample];
  const fps = plan.fps;
  // A shot with a whip is filmed at 5× the frame rate and each frame averages its own sub-frames:
  // the smear of the camera's motion during that frame, as a shutter open the whole frame makes it.
  const sub = shot.spoils.some((s) => s.kind === "whip") ? WHIP_SUBFRAMES : 1;
  const keys = shot.keys.map((k) => ({ ...k, frame: k.frame * sub }));
  const zoom = keyed(keys, (k) => 1 / k.cam.w);
  const x = keyed(keys, (k) => k.cam.x);
  const y = keyed(keys, (k) => k.cam.y);
  const filters = [
    `crop=${crop.width}:${crop.height}:0:${crop.top}`,
    `scale=${sw}:${sh}:flags=bicubic`,
    "setsar=1",
    "format=yuv420p",
    `zoompan=z='${zoom}':x='iw*(${x})':y='ih*(${y})':d=${shot.frames * sub}:s=${plan.width}x${plan.height}:fps=${fps * sub}`,
    // Frame i averages sub-frames 5i-4 … 5i: the motion from frame i-1 to frame i.
    ...(sub > 1 ? [`tmix=frames=${sub}`, `select='eq(mod(n,${sub}),0)'`] : []),
    `trim=end_frame=${shot.frames}`,
    `settb=1/${fps}`,
    "setpts=N",
    // The link still claims the sub-frame rate; xfade refuses mismatched rates. Identity on these timestamps.
    ...(sub > 1 ? [`fps=${fps}`] : []),
  ];
  let head = `[${input}:v]${filters.join(",")}`;
  const scale = plan.width / 640;
  for (const spoil of shot.spoils) {
    const when = during(spoil.from, spoil.to, fps);
    if (spoil.kind === "defocus") head += `,gblur=sigma=${num(7 * scale)}:${when}`;
    else if (spoil.kind === "dark") head += `,eq=brightness=-0.3:contrast=0.45:saturation=0.5:${when},noise=alls=30:allf=t:${when}`;
    else if (spoil.kind === "murky") head += `,eq=contrast=0.25:brightness=-0.2:saturation=0.3:${when},noise=alls=22:allf=t:${when}`;
  }
  if (shot.fadeIn > 0) head += `,fade=t=in:s=0:n=${shot.fadeIn}`;
  if (shot.fadeOut > 0) head += `,fade=t=out:s=${shot.frames - shot.fadeOut}:n=${shot.fadeOut}`;
  return `${head},format=yuv420p[${tag}]`;
}

/** The ffmpeg arguments that render one clip to `out`. */
export function renderArgs(plan: ClipPlan, out: string): string[] {
  const inputs: string[] = [];
  const chains: string[] = [];
  const fps = plan.fps;
  plan.shots.forEach((shot, i) => {
    if (shot.kind === "black") {
      chains.push(`color=c=black:s=${plan.width}x${plan.height}:r=${fps},trim=end_frame=${shot.frames},format=yuv420p,settb=1/${fps},setpts=N[s${i}]`);
      return;
    }
    const input = inputs.length / 2;
    inputs.push("-i", photoFile(photoById(shot.photo)));
    chains.push(photoChain(plan, shot, input, `s${i}`));
  });
  let current = "s0";
  let frames = plan.shots[0]!.frames;
  plan.joins.forEach((join, j) => {
    const next = `s${j + 1}`;
    const into = `j${j}`;
    if (join.kind === "cut") chains.push(`[${current}][${next}]concat=n=2:v=1:a=0,settb=1/${fps},setpts=N[${into}]`);
    else chains.push(`[${current}][${next}]xfade=transition=fade:duration=${num(join.frames / fps)}:offset=${num((frames - join.frames) / fps)},settb=1/${fps},setpts=N[${into}]`);
    frames += plan.shots[j + 1]!.frames - (join.kind === "dissolve" ? join.frames : 0);
    current = into;
  });
  const total = timeline(plan).frames;
  if (frames !== total) throw new Error(`${plan.id}: joins add up to ${frames} frames, the timeline to ${total}`);
  return [
    ...inputs,
    "-filter_complex",
    chains.join(";"),
    "-map",
    `[${current}]`,
    "-frames:v",
    String(total),
    "-r",
    String(fps),
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    "-crf",
    String(plan.crf),
    "-g",
    String(plan.gop),
    "-pix_fmt",
    "yuv420p",
    "-an",
    "-movflags",
    "+faststart",
    out,
  ];
}

/** Renders what is missing and returns every clip with its labels (also written beside it as JSON). */
export async function ensureSynth2Clips(log: (line: string) => void): Promise<Synth2Clip[]> {
  const plans = planClips();
  const dir = join(SYNTH2_DIR, planHash(plans));
  mkdirSync(dir, { recursive: true });
  let photosChecked = false;
  const clips: Synth2Clip[] = [];
  for (const plan of plans) {
    const file = join(dir, `${plan.id}.mp4`);
    const labels = labelsOf(plan);
    if (!existsSync(file)) {
      if (!photosChecked) ensurePhotos(log);
      photosChecked = true;
      log(`rendering ${plan.id} …`);
      const partial = `${file}.partial.mp4`;
      await ffmpeg(renderArgs(plan, partial));
      renameSync(partial, file);
    }
    writeFileSync(join(dir, `${plan.id}.json`), `${JSON.stringify(labels, null, 2)}\n`);
    clips.push({ id: plan.id, file, durationSec: timeline(plan).frames / plan.fps, labels, plan });
  }
  return clips;
}

/** A contact sheet with each tile stamped with its time and its label, to check labels by eye. */
export async function labelledSheet(clip: Synth2Clip, out: string): Promise<void> {
  const frames = Math.round(clip.durationSec * clip.plan.fps);
  const step = Math.max(3, Math.ceil(frames / 96));
  const rows = Math.ceil(Math.ceil(frames / step) / 8);
  const text = (s: string) => s.replace(/[':\\,]/g, " ");
  const mark = (from: number, to: number, what: string, colour: string, x: string) =>
    `drawtext=text='${text(what)}':x=${x}:y=h-18:fontsize=13:fontcolor=${colour}:box=1:boxcolor=black@0.7:enable='between(t,${num(from)},${num(to - 1e-4)})'`;
  const marks = [
    ...clip.labels.ranges.map((r) => (r.label === "good" ? mark(r.from, r.to, "GOOD", "lime", "3") : mark(r.from, r.to, `X ${r.reason}`, "red", "3"))),
    ...(clip.labels.faces ?? []).map((f) => mark(f.from, f.to, "face", "cyan", "w-40")),
  ];
  const filters = [`select='not(mod(n,${step}))'`, "scale=240:-2", `drawtext=text='%{pts\\:hms} #%{eif\\:round(t*${clip.plan.fps})\\:d}':x=3:y=3:fontsize=13:fontcolor=yellow:box=1:boxcolor=black@0.65`, ...marks, `tile=8x${rows}`];
  await ffmpeg(["-i", clip.file, "-vf", filters.join(","), "-frames:v", "1", "-q:v", "4", out]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const log = (line: string) => console.error(line);
  const clips = await ensureSynth2Clips(log);
  for (const clip of clips) {
    console.log(`${clip.id}\t${clip.durationSec.toFixed(2)} s\t${clip.file}`);
    if (process.argv.includes("--sheets")) await labelledSheet(clip, clip.file.replace(/\.mp4$/, ".jpg"));
  }
}
