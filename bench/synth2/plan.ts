/**
 * Generator 2's plan: a fixed, seeded list of clips, each a sequence of shots filmed from still
 * photos (pans and zooms at varied speeds) with degradations made on purpose, and labels that
 * follow from how each frame is made. All timing is in whole frames, so labels and filters agree
 * frame for frame; a label boundary sits halfway between two frames, never on one.
 *
 * What counts as unusable is only what a person would clearly reject: heavy defocus, a whip pan's
 * smear, dark frames with sensor noise, murky low-contrast frames with noise, black, every frame of
 * a fade or of a dissolve. Milder versions are left out of the plan instead of being labelled.
 */
import { clipLabelsSchema, type ClipLabels, type UnusableReason } from "../real/labels";
import { PHOTOS, photoById, type Photo } from "./photos";
import { seeded, type Rng } from "./prng";

export const PLAN_SEED = 20261202;
export const CLIP_COUNT = 14;
export const LABELLED_BY = "generator-2 (by construction)";

export type Purpose = "profile" | "action";
export type SpoilKind = "defocus" | "whip" | "dark" | "murky";

/** The visible window over the photo's 16:9 crop: left, top and size, as fractions of the crop. */
export interface Cam {
  x: number;
  y: number;
  w: number;
}

/** The camera is at `cam` on frame `frame` of its shot, and moves linearly between keys. */
export interface Key {
  frame: number;
  cam: Cam;
}

/** Frames [from, to) of a shot spoiled on purpose. */
export interface Spoil {
  kind: SpoilKind;
  from: number;
  to: number;
}

export interface PhotoShot {
  kind: "photo";
  photo: string;
  frames: number;
  keys: Key[];
  spoils: Spoil[];
  /** Frames fading in from black at the start, and out to black at the end. */
  fadeIn: number;
  fadeOut: number;
}

export interface BlackShot {
  kind: "black";
  frames: number;
}

export type Shot = PhotoShot | BlackShot;

/** How shot i joins shot i+1: a hard cut, or a cross-dissolve over `frames` frames (the shots overlap by that many). */
export type Join = { kind: "cut" } | { kind: "dissolve"; frames: number };

export interface ClipPlan {
  id: string;
  purpose: Purpose;
  width: number;
  height: number;
  fps: number;
  /** x264 settings: keyframe interval in frames, and quality. */
  gop: number;
  crf: number;
  shots: Shot[];
  joins: Join[];
}

/** Output pixels a frame the camera may move in a shot meant to look good. */
const PAN_SPEED: Record<Purpose, [number, number]> = { profile: [0.15, 0.9], action: [1.5, 5] };
/** A whip pan moves at least this many output pixels a frame (at 640 wide): smeared beyond use. */
export const WHIP_MIN_SPEED = 28;
/** Sub-frames averaged into each frame of a shot with a whip pan (render.ts). */
export const WHIP_SUBFRAMES = 5;
/** Never enlarge a photo more than this: softer is no longer a good frame. */
const MAX_UPSCALE = 2;
/** Room kept round a face inside the window, as a share of the window. */
const FACE_MARGIN = 0.04;

const REASON: Record<SpoilKind, UnusableReason> = { defocus: "heavy blur", whip: "heavy blur", dark: "dark and noisy", murky: "dark and noisy" };

/** The photo's 16:9 crop the camera moves over, in photo pixels. */
export function cropOf(photo: Photo): { width: number; height: number; top: number } {
  const height = Math.round((photo.width * 9) / 16 / 2) * 2;
  const top = Math.round(Math.min(Math.max(photo.anchorY * photo.height - height / 2, 0), photo.height - height));
  return { width: photo.width, height, top };
}

/** The face box in crop fractions. */
export function faceInCrop(photo: Photo): { x0: number; y0: number; x1: number; y1: number } | null {
  if (!photo.face) return null;
  const crop = cropOf(photo);
  const y = (f: number) => (f * photo.height - crop.top) / crop.height;
  return { x0: photo.face.x0, y0: y(photo.face.y0), x1: photo.face.x1, y1: y(photo.face.y1) };
}

/** The smallest window (largest zoom) allowed for a photo in a clip `width` wide, or null when the photo is too small for it. */
export function minWindow(photo: Photo, width: number): number | null {
  const maxZoom = Math.min(1.8, (MAX_UPSCALE * photo.width) / width);
  if (maxZoom < 1.2) return null;
  let w = 1 / maxZoom;
  const face = faceInCrop(photo);
  if (face) w = Math.max(w, (face.x1 - face.x0) / (1 - 2 * FACE_MARGIN), (face.y1 - face.y0) / (1 - 2 * FACE_MARGIN));
  return Math.min(w, 1);
}

/** Where a window of size w may sit on one axis: inside the crop, and round the face when `span` is given. */
function room(w: number, span: [number, number] | null): [number, number] {
  let lo = 0;
  let hi = 1 - w;
  if (span) {
    lo = Math.max(lo, span[1] + FACE_MARGIN * w - w);
    hi = Math.min(hi, span[0] - FACE_MARGIN * w);
  }
  return [lo, Math.max(lo, hi)];
}

const clamp = (v: number, [lo, hi]: [number, number]) => Math.min(Math.max(v, lo), hi);

/** Whether the window keeps the whole face box (with its margin) in view. */
export function faceInView(photo: Photo, cam: Cam): boolean {
  const face = faceInCrop(photo);
  if (!face) return false;
  const m = FACE_MARGIN * cam.w - 1e-9;
  return face.x0 - m >= cam.x && face.x1 + m <= cam.x + cam.w && face.y0 - m >= cam.y && face.y1 + m <= cam.y + cam.w;
}

function randomCam(rng: Rng, photo: Photo, width: number, keepFace: boolean): Cam {
  const wMin = minWindow(photo, width)!;
  const w = rng.chance(0.2) ? 1 : rng.between(wMin, 1);
  const face = keepFace ? faceInCrop(photo) : null;
  const rx = room(w, face ? [face.x0, face.x1] : null);
  const ry = room(w, face ? [face.y0, face.y1] : null);
  return { x: rng.between(rx[0], rx[1]), y: rng.between(ry[0], ry[1]), w };
}

/** A camera `speed` output pixels a frame away from `from` after `frames` frames (less where the crop or the face stops it). */
function movedCam(rng: Rng, photo: Photo, width: number, from: Cam, frames: number, speed: number, keepFace: boolean): Cam {
  const wMin = minWindow(photo, width)!;
  // Zoom a little with most moves; the window's change counts towards the speed only loosely.
  const w = Math.min(1, Math.max(wMin, from.w * Math.exp(rng.between(-0.18, 0.18))));
  const travel = (speed * frames * Math.min(w, from.w)) / width;
  const angle = rng.between(0, 2 * Math.PI);
  const face = keepFace ? faceInCrop(photo) : null;
  const x = clamp(from.x + travel * Math.cos(angle) + (from.w - w) / 2, room(w, face ? [face.x0, face.x1] : null));
  const y = clamp(from.y + travel * Math.sin(angle) + (from.w - w) / 2, room(w, face ? [face.y0, face.y1] : null));
  return { x, y, w };
}

/** Where the camera is on a frame of its shot. */
export function camAt(keys: readonly Key[], frame: number): Cam {
  const after = keys.findIndex((k) => k.frame >= frame);
  if (after <= 0) return (after === 0 ? keys[0] : keys.at(-1))!.cam;
  const a = keys[after - 1]!;
  const b = keys[after]!;
  const f = (frame - a.frame) / (b.frame - a.frame);
  return { x: a.cam.x + (b.cam.x - a.cam.x) * f, y: a.cam.y + (b.cam.y - a.cam.y) * f, w: a.cam.w + (b.cam.w - a.cam.w) * f };
}

type ShotRecipe = "clean" | "split" | "spoiled" | "black";

interface Builder {
  rng: Rng;
  purpose: Purpose;
  width: number;
  fps: number;
}

function photosFor(b: Builder, wantFace: boolean, avoid: string | null): Photo[] {
  const usable = PHOTOS.filter((p) => minWindow(p, b.width) !== null && p.id !== avoid);
  const preferred = usable.filter((p) => Boolean(p.face) === wantFace);
  return preferred.length > 0 ? preferred : usable;
}

function speedFor(b: Builder): number {
  const [lo, hi] = PAN_SPEED[b.purpose];
  return b.rng.between(lo, hi) * (b.width / 640);
}

function photoShot(b: Builder, recipe: "clean" | "split" | "spoiled", frames: number, previous: string | null): PhotoShot {
  const { rng, fps, width } = b;
  const wantFace = recipe !== "spoiled" && (b.purpose === "profile" ? rng.chance(0.8) : rng.chance(0.15));
  const photo = rng.pick(photosFor(b, wantFace, previous));
  const keepFace = Boolean(photo.face);
  const start = randomCam(rng, photo, width, keepFace);
  const shot: PhotoShot = { kind: "photo", photo: photo.id, frames, keys: [{ frame: 0, cam: start }], spoils: [], fadeIn: 0, fadeOut: 0 };
  const end = frames - 1;
  if (recipe !== "split") {
    shot.keys.push({ frame: end, cam: movedCam(rng, photo, width, start, end, speedFor(b), keepFace) });
    if (recipe === "spoiled") shot.spoils.push({ kind: rng.pick(["defocus", "dark", "murky"] as const), from: 0, to: frames });
    return shot;
  }
  // The hard case: one shot, good for part of it and spoiled for the rest, so a good moment of the same shot exists.
  const canWhip = width <= 640 && photo.wide === true && minWindow(photo, width)! <= 0.62 && frames >= 3 * fps;
  const kind: SpoilKind = rng.pick(canWhip && b.purpose === "action" ? (["whip", "whip", "whip", "defocus", "dark", "murky"] as const) : (["defocus", "dark", "murky"] as const));
  if (kind === "whip") return whipShot(b, shot, photo);
  const where = frames >= 3.5 * fps ? rng.pick(["head", "tail", "middle"] as const) : rng.pick(["head", "tail"] as const);
  const spoilLength = Math.round(frames * rng.between(0.35, 0.55));
  const from = where === "head" ? 0 : where === "tail" ? frames - spoilLength : Math.round((frames - spoilLength) / 2);
  shot.spoils.push({ kind, from, to: from + spoilLength });
  shot.keys.push({ frame: end, cam: movedCam(rng, photo, width, start, end, speedFor(b), keepFace) });
  return shot;
}

/** Holds or drifts, whips across the photo in a fraction of a second, then holds or drifts again. */
function whipShot(b: Builder, shot: PhotoShot, photo: Photo): PhotoShot {
  const { rng, fps, width } = b;
  const w = minWindow(photo, width)!;
  const whipFrames = rng.int(Math.round(0.25 * fps), Math.round(0.45 * fps));
  const before = Math.round((shot.frames - whipFrames) * rng.between(0.35, 0.65));
  // Start near one side of the crop and whip to the other, so the move is long enough to smear.
  const leftToRight = rng.chance(0.5);
  const y = rng.between(0, 1 - w);
  const a: Cam = { x: leftToRight ? rng.between(0, 0.05) : 1 - w - rng.between(0, 0.05), y, w };
  const whipEnd: Cam = { x: leftToRight ? 1 - w - rng.between(0, 0.05) : rng.between(0, 0.05), y: clamp(y + rng.between(-0.1, 0.1), [0, 1 - w]), w };
  const travelPx = (Math.abs(whipEnd.x - a.x) * width) / w / whipFrames;
  if (travelPx < WHIP_MIN_SPEED * (width / 640)) throw new Error(`whip too slow (${travelPx.toFixed(1)} px/frame): plan bug`);
  const slow = (from: Cam, frames: number): Cam => {
    const cam = movedCam(rng, photo, width, from, frames, speedFor(b) / 2, false);
    return { ...cam, w, x: clamp(cam.x, [0, 1 - w]), y: clamp(cam.y, [0, 1 - w]) };
  };
  const holdStart = slow(a, before);
  shot.keys = [
    { frame: 0, cam: holdStart },
    { frame: before, cam: a },
    { frame: before + whipFrames, cam: whipEnd },
    { frame: shot.frames - 1, cam: slow(whipEnd, shot.frames - 1 - before - whipFrames) },
  ];
  // Frames after the last still one until the camera stops are smeared.
  shot.spoils.push({ kind: "whip", from: before + 1, to: before + whipFrames + 1 });
  return shot;
}

function shotSeconds(rng: Rng, recipe: ShotRecipe): number {
  switch (recipe) {
    case "clean":
      return rng.between(1.5, 6);
    case "split":
      return rng.between(3, 6);
    case "spoiled":
      return rng.between(1, 2.5);
    case "black":
      return rng.between(0.5, 1.4);
  }
}

function buildClip(index: number, rng: Rng, targetSec: number): ClipPlan {
  const purpose: Purpose = index % 2 === 0 ? "profile" : "action";
  const big = index % 4 === 3;
  const [width, height] = big ? [1280, 720] : [640, 360];
  const fps = rng.chance(0.5) ? 25 : 30;
  const b: Builder = { rng, purpose, width, fps };
  const shots: Shot[] = [];
  let seconds = 0;
  let splits = 0;
  while (seconds < targetSec - 0.75) {
    const last = shots.at(-1);
    const weights: Record<ShotRecipe, number> = { clean: 0.3, split: splits === 0 ? 0.6 : 0.3, spoiled: 0.12, black: last?.kind === "black" || shots.length === 0 ? 0 : 0.12 };
    const recipe = rng.weighted(weights);
    const frames = Math.max(Math.round(fps * 0.5), Math.round(fps * Math.min(shotSeconds(rng, recipe), Math.max(targetSec - seconds, recipe === "split" ? 3 : 1))));
    if (recipe === "black") shots.push({ kind: "black", frames });
    else {
      const previous = last?.kind === "photo" ? last.photo : null;
      shots.push(photoShot(b, recipe, recipe === "split" ? Math.max(frames, 3 * fps) : frames, previous));
      if (recipe === "split") splits++;
    }
    seconds += shots.at(-1)!.frames / fps;
  }
  const joins: Join[] = [];
  for (let i = 0; i + 1 < shots.length; i++) {
    const [a, c] = [shots[i]!, shots[i + 1]!];
    const dissolve = Math.round(rng.between(0.4, 1) * fps);
    if (a.kind === "black" || c.kind === "black") {
      // Into and out of black: sometimes a fade, sometimes a hard cut.
      if (a.kind === "photo" && rng.chance(0.5)) a.fadeOut = Math.round(rng.between(0.3, 0.8) * fps);
      if (c.kind === "photo" && rng.chance(0.5)) c.fadeIn = Math.round(rng.between(0.3, 0.8) * fps);
      joins.push({ kind: "cut" });
      continue;
    }
    const join = rng.weighted({ cut: 0.45, dissolve: a.frames >= dissolve + fps && c.frames >= dissolve + fps ? 0.3 : 0, dip: 0.25 });
    if (join === "dissolve") joins.push({ kind: "dissolve", frames: dissolve });
    else {
      joins.push({ kind: "cut" });
      if (join === "dip") {
        a.fadeOut = Math.round(rng.between(0.3, 0.7) * fps);
        c.fadeIn = Math.round(rng.between(0.3, 0.7) * fps);
      }
    }
  }
  const first = shots[0]!;
  const finalShot = shots.at(-1)!;
  if (first.kind === "photo" && rng.chance(0.3)) first.fadeIn = Math.round(rng.between(0.4, 1) * fps);
  if (finalShot.kind === "photo" && rng.chance(0.3)) finalShot.fadeOut = Math.round(rng.between(0.4, 1.2) * fps);
  const gop = rng.pick([1, 2, 4]) * fps;
  const crf = rng.int(18, 24);
  return { id: `g2-${String(index + 1).padStart(2, "0")}-${purpose}-${height}p`, purpose, width, height, fps, gop, crf, shots, joins };
}

/** What each output frame is, by construction. */
export interface FrameTruth {
  label: "good" | "unusable";
  reason: UnusableReason | null;
  face: boolean;
}

/** Where each shot starts in the clip, in frames, and the clip's length. */
export function timeline(plan: ClipPlan): { starts: number[]; frames: number } {
  const starts: number[] = [];
  let at = 0;
  plan.shots.forEach((shot, i) => {
    const join = i === 0 ? null : plan.joins[i - 1]!;
    if (join?.kind === "dissolve") at -= join.frames;
    starts.push(at);
    at += shot.frames;
  });
  return { starts, frames: at };
}

export function frameTruths(plan: ClipPlan): FrameTruth[] {
  const { starts, frames } = timeline(plan);
  const out: FrameTruth[] = Array.from({ length: frames }, () => ({ label: "good", reason: null, face: false }));
  const spoil = (i: number, reason: UnusableReason) => {
    // The first reason found stays: transitions are marked last and override.
    if (out[i]!.label === "good") out[i] = { label: "unusable", reason, face: false };
  };
  plan.shots.forEach((shot, s) => {
    const start = starts[s]!;
    for (let j = 0; j < shot.frames; j++) {
      const i = start + j;
      if (shot.kind === "black") {
        spoil(i, "black or fade");
        continue;
      }
      const hit = shot.spoils.find((sp) => j >= sp.from && j < sp.to);
      if (j < shot.fadeIn || j >= shot.frames - shot.fadeOut) spoil(i, "black or fade");
      else if (hit) spoil(i, REASON[hit.kind]);
      else out[i] = { label: "good", reason: null, face: faceInView(photoById(shot.photo), camAt(shot.keys, j)) };
    }
  });
  plan.joins.forEach((join, j) => {
    if (join.kind !== "dissolve") return;
    const from = starts[j + 1]!;
    for (let i = from; i < from + join.frames; i++) out[i] = { label: "unusable", reason: "mid-transition", face: false };
  });
  return out;
}

/** Frame i is shown at i / fps: boundaries go halfway between frames, so a timestamp a hair off still lands right. */
const boundary = (frame: number, frames: number, fps: number) => Math.round(((frame === 0 ? 0 : frame === frames ? frames : frame - 0.5) / fps) * 1e5) / 1e5;

export function labelsOf(plan: ClipPlan): ClipLabels {
  const truths = frameTruths(plan);
  const n = truths.length;
  const ranges: ClipLabels["ranges"] = [];
  const faces: Array<{ from: number; to: number }> = [];
  let runStart = 0;
  for (let i = 1; i <= n; i++) {
    const a = truths[runStart]!;
    const c = truths[i];
    if (c && c.label === a.label && c.reason === a.reason) continue;
    const from = boundary(runStart, n, plan.fps);
    const to = boundary(i, n, plan.fps);
    ranges.push(a.label === "good" ? { from, to, label: "good" } : { from, to, label: "unusable", reason: a.reason! });
    runStart = i;
  }
  let faceStart = -1;
  for (let i = 0; i <= n; i++) {
    const on = truths[i]?.face ?? false;
    if (on && faceStart < 0) faceStart = i;
    if (!on && faceStart >= 0) {
      faces.push({ from: boundary(faceStart, n, plan.fps), to: boundary(i, n, plan.fps) });
      faceStart = -1;
    }
  }
  const sec = (frames: number) => (frames / plan.fps).toFixed(1);
  const story = plan.shots.map((s, i) => {
    const join = i === 0 ? "" : plan.joins[i - 1]!.kind === "cut" ? " | " : " ~dissolve~ ";
    if (s.kind === "black") return `${join}black ${sec(s.frames)}s`;
    const spoils = s.spoils.map((sp) => ` ${sp.kind} ${sec(sp.from)}-${sec(sp.to)}s`).join("");
    return `${join}${s.fadeIn ? "fade-in " : ""}${s.photo} ${sec(s.frames)}s${spoils}${s.fadeOut ? " fade-out" : ""}`;
  });
  return clipLabelsSchema.parse({
    id: plan.id,
    labelledBy: LABELLED_BY,
    ranges,
    ...(faces.length > 0 ? { faces } : {}),
    notes: `${plan.purpose}, ${plan.width}×${plan.height} ${plan.fps} fps: ${story.join("")}`,
  });
}

/** Good time the picker can choose from: enough, in more than one place, but not the whole clip. */
function acceptable(plan: ClipPlan): boolean {
  const truths = frameTruths(plan);
  const good = truths.filter((t) => t.label === "good").length / truths.length;
  let stretches = 0;
  let run = 0;
  for (const t of [...truths, null]) {
    if (t?.label === "good") run++;
    else {
      if (run >= plan.fps) stretches++;
      run = 0;
    }
  }
  const faces = truths.filter((t) => t.face).length;
  return good >= 0.35 && good <= 0.75 && stretches >= 2 && (plan.purpose === "action" || faces >= 2 * plan.fps);
}

/** The generator's clips: the same list on every run. */
export function planClips(seed = PLAN_SEED): ClipPlan[] {
  const rng = seeded(seed);
  // Lengths spread over 6–20 s, in an order of the generator's choosing.
  const lengths = Array.from({ length: CLIP_COUNT }, (_, i) => 6 + (14 * i) / (CLIP_COUNT - 1));
  for (let i = lengths.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [lengths[i], lengths[j]] = [lengths[j]!, lengths[i]!];
  }
  return lengths.map((targetSec, index) => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const plan = buildClip(index, rng, targetSec);
      if (acceptable(plan)) return plan;
    }
    throw new Error(`clip ${index}: no acceptable plan in 200 tries`);
  });
}
