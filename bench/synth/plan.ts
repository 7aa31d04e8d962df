/**
 * What each benchmark video contains: which photo goes where, how it is framed and degraded,
 * where the transitions are, and the labels that follow from it. Pure (no files, no ffmpeg): the
 * whole set follows from the master seed. Photos are drawn among those used least so far in that
 * role, so each one is good in some videos and degraded in others.
 */
import { SEGMENT_QUALITIES, type GroundTruth, type Segment, type Transition } from "~/bench/ground-truth";
import { PHOTOS, photoSize, type Photo } from "~/bench/photos";
import { drawEffect, type DegradedKind, type Effect } from "./effects";
import { drawDrift, drawPan, OUT_HEIGHT, OUT_WIDTH, type Framing } from "./framing";
import { deriveSeed, mulberry32, pickOne, shuffle, type Rng } from "./prng";

export const FPS = 30;
export const SEGMENT_FRAMES = 150;
export const SEGMENT_COUNT = 12;
const GOPS = [30, 60, 150] as const;
const DEGRADED_PER_VIDEO = 5;
const DEGRADED_KINDS = SEGMENT_QUALITIES.filter((q): q is DegradedKind => q !== "good");
const TRANSITIONS: ReadonlyArray<{ kind: Transition["kind"]; frames: number }> = [
  { kind: "dissolve", frames: 15 },
  { kind: "dissolve", frames: 15 },
  { kind: "fade-through-black", frames: 30 },
];

export type Role = "good" | "repeat" | "moving" | "degraded";

export interface SegmentPlan {
  role: Role;
  /** null for black. */
  photo: Photo | null;
  framing: Framing | null;
  effect: Effect;
  label: Segment;
}

export interface TransitionPlan extends Transition {
  /** Between segment boundary − 1 and segment boundary. */
  boundary: number;
  frames: number;
}

export interface VideoPlan {
  name: string;
  truth: GroundTruth;
  segments: SegmentPlan[];
  transitions: TransitionPlan[];
}

type Item = Omit<SegmentPlan, "label"> & { label: Omit<Segment, "startSec" | "endSec" | "dupGroup"> };
type Usage = Record<"good" | "degraded", Map<string, number>>;

export function planVideos(masterSeed: number, count: number): VideoPlan[] {
  const usage: Usage = { good: new Map(), degraded: new Map() };
  // Sequential on purpose: video i depends only on videos before it, so asking for more videos
  // never changes the first ones (and their cache stays valid).
  return Array.from({ length: count }, (_, index) => planVideo(masterSeed, index, usage));
}

/**
 * Pans need a photo large enough to be scaled ~2× without looking soft, and never a lone face (a pan
 * cuts it in half). Group photos qualify: their pans stay on the row of faces (drawPan).
 */
function isPannable(photo: Photo): boolean {
  return photo.faces !== 1 && photoSize(photo).width >= 600;
}

function planVideo(masterSeed: number, index: number, usage: Usage): VideoPlan {
  const seed = deriveSeed(masterSeed, index);
  const rng = mulberry32(seed);
  const withFaces = index % 4 !== 3; // 6 of every 8 videos have faces, the rest none at all.
  const gopFrames = GOPS[index % GOPS.length]!;
  const name = `synth-${String(index + 1).padStart(2, "0")}-gop${gopFrames}`;
  const pool = PHOTOS.filter((p) => withFaces || p.faces === 0);
  const take = takeFrom(rng, usage);

  const kinds = shuffle(rng, DEGRADED_KINDS).slice(0, DEGRADED_PER_VIDEO);
  // The most constrained draws first: pans only have a few photos to choose from.
  const items: Item[] = [];
  for (let i = 0; i < 3; i++) items.push(moving(take(pool.filter(isPannable), "good"), rng, { kind: "none" }, "good"));
  if (kinds.includes("motion-blur")) items.push(moving(take(pool.filter(isPannable), "degraded", "blurred pan"), rng, drawEffect(rng, "motion-blur"), "degraded"));
  const good = [
    ...(withFaces ? [take(pool.filter((p) => p.faces === 1), "good")] : []),
    ...Array.from({ length: withFaces ? 2 : 3 }, () => take(pool, "good")),
  ].map((photo) => still(photo, rng, { kind: "none" }, "good"));
  items.push(...good);
  const original = good[Math.floor(rng() * good.length)]!;
  items.push({ ...original, role: "repeat" });
  for (const kind of kinds) {
    if (kind === "motion-blur") continue;
    if (kind === "black") items.push({ role: "degraded", photo: null, framing: null, effect: { kind }, label: { quality: kind, photo: null, faces: 0, motion: "static" } });
    else items.push(still(take(pool, "degraded"), rng, drawEffect(rng, kind), "degraded"));
  }

  const order = orderItems(rng, items, original);
  const segments = order.map((item, i): SegmentPlan => ({ ...item, label: { ...item.label, startSec: 5 * i, endSec: 5 * (i + 1), dupGroup: dupGroup(item, i) } }));
  const transitions = planTransitions(rng);
  const truth: GroundTruth = {
    version: 1,
    file: `${name}.mp4`,
    durationSec: (SEGMENT_COUNT * SEGMENT_FRAMES) / FPS,
    width: OUT_WIDTH,
    height: OUT_HEIGHT,
    fps: FPS,
    gopFrames,
    seed,
    segments: segments.map((s) => s.label),
    transitions: transitions.map(({ startSec, endSec, kind }) => ({ startSec, endSec, kind })),
  };
  return { name, truth, segments, transitions };
}

/**
 * Draws a photo not yet in this video, favouring those used least in that role so far. When the
 * pool runs short (a no-face video can need 11 of its 10 photos), a degraded still reuses a photo
 * that is only degraded in this video, the blurred pan's first (its framing looks different). A
 * photo shown good is never reused, so no video has a good and a bad version of one picture.
 */
function takeFrom(rng: Rng, usage: Usage) {
  const used = new Map<string, "good" | "degraded" | "blurred pan">();
  return (candidates: readonly Photo[], role: "good" | "degraded", use: "good" | "degraded" | "blurred pan" = role): Photo => {
    const counts = usage[role];
    let free = candidates.filter((p) => !used.has(p.id));
    if (free.length === 0 && role === "degraded") free = candidates.filter((p) => used.get(p.id) === "blurred pan");
    if (free.length === 0 && role === "degraded") free = candidates.filter((p) => used.get(p.id) === "degraded");
    if (free.length === 0) throw new Error(`no photo left for a ${role} segment`);
    // Least used in this role first (ties at random), so every photo is good in some videos and degraded in others.
    const fewest = Math.min(...free.map((p) => counts.get(p.id) ?? 0));
    const photo = pickOne(rng, free.filter((p) => (counts.get(p.id) ?? 0) === fewest));
    if (!used.has(photo.id)) used.set(photo.id, use);
    counts.set(photo.id, fewest + 1);
    return photo;
  };
}

function still(photo: Photo, rng: Rng, effect: Effect, role: Role): Item {
  const quality = effect.kind === "none" ? "good" : (effect.kind as DegradedKind);
  return { role, photo, framing: drawDrift(rng, photo), effect, label: { quality, photo: photo.id, faces: photo.faces, motion: "static" } };
}

function moving(photo: Photo, rng: Rng, effect: Effect, role: Role): Item {
  const quality = effect.kind === "none" ? "good" : (effect.kind as DegradedKind);
  return { role, photo, framing: drawPan(rng, photo), effect, label: { quality, photo: photo.id, faces: photo.faces, motion: "moving" } };
}

/** Good stills are grouped by photo (the repeat shares it); degraded stills each get their own group. */
function dupGroup(item: Item, index: number): string | null {
  if (item.label.motion === "moving") return null;
  if (item.label.quality === "good") return item.photo!.id;
  return `${item.photo?.id ?? "black"}@${index}`;
}

/** Shuffled, with at least one other segment between the repeat and its original. */
function orderItems(rng: Rng, items: readonly Item[], original: Item): Item[] {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const order = shuffle(rng, items);
    const a = order.indexOf(original);
    const b = order.findIndex((item) => item.role === "repeat");
    if (Math.abs(a - b) >= 2) return order;
  }
  throw new Error("could not place the repeat two segments away from its original");
}

/** A transition straddles its boundary: it starts floor(frames/2) frames before it. */
function planTransitions(rng: Rng): TransitionPlan[] {
  const boundaries = shuffle(rng, Array.from({ length: SEGMENT_COUNT - 1 }, (_, i) => i + 1));
  return TRANSITIONS.map(({ kind, frames }, i) => {
    const boundary = boundaries[i]!;
    const start = boundary * SEGMENT_FRAMES - Math.floor(frames / 2);
    return { kind, frames, boundary, startSec: start / FPS, endSec: (start + frames) / FPS };
  }).sort((a, b) => a.boundary - b.boundary);
}
