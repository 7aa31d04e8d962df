/**
 * Section 5: our picker on real footage (real.ts sources), on real clips degraded by
 * construction (degrade.ts), each in its fixed half (split.ts), and on generator 2's clips
 * (bench/synth2/), all in the test half. For every pick: is it in a range
 * labelled good, and is the delivered frame the true picture (PSNR against decoding the clip
 * from its start, at analysis size)? Picks are rendered as the worker renders them, and each
 * preset's picks are put on a contact sheet in bench/out/real/ to look at.
 */
import { lookAt } from "~/worker/picker/face-candidates";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { PICK_MODES, type PickMode, type PickQuality } from "~/core/pick-params";
import { createFaceDetector } from "~/worker/faces/detector";
import { psnr } from "~/worker/media/fidelity";
import { probeVideo } from "~/worker/media/probe";
import { grabSourceFrame } from "~/worker/media/render";
import { sampleFrames } from "~/worker/media/sample";
import { pickFrames } from "~/worker/picker/pick";
import { QUALITY_PRESETS, analysisSize } from "~/worker/picker/presets";
import type { FaceDetector } from "~/worker/picker/types";
import { imageGray, sequentialGray } from "../../tests/helpers/damage";
import { ALL_SOURCES, type SourceName } from "../runner/flags";
import { fmt, renderTable } from "../runner/table";
import { ensureSynth2Clips } from "../synth2/render";
import { imagesSheet } from "./contact-sheet";
import { ensureDegraded, MIN_PARENT_SEC } from "./degrade";
import { ensureLongGop, type LongGopPart, type LongGopPlan } from "./long-gop";
import { goodShare, labelAt, loadLabels, type ClipLabels } from "./labels";
import { ensureRealClips, realClipFile } from "./sources";
import { halfOf, type Half } from "./split";

const OUT = join(import.meta.dirname, "..", "out", "real");
/** Delivered frames at least this close to the sequential decode count as the true picture. */
export const FIDELITY_DB = 30;
/** Face recall is measured on this many samples a second inside the labelled face ranges. */
const RECALL_RATE = 4;

type Kind = SourceName;

interface BenchClip {
  id: string;
  kind: Kind;
  half: Half;
  file: string;
  durationSec: number;
  labels: ClipLabels;
  /** A degraded clip whose faces count in the face recall table (degrade.ts). */
  faceRecall?: boolean;
}

export interface RealPick {
  timestampSec: number;
  label: "good" | "unusable";
  reason: string | null;
  fidelityDb: number;
  /** Inside a range labelled as showing a face. */
  onFace: boolean;
}

export interface RealRun {
  clip: string;
  kind: Kind;
  half: Half;
  quality: PickQuality;
  mode: PickMode;
  chance: number;
  /** The clip has ranges labelled as showing a face. */
  hasFaces: boolean;
  picks: RealPick[];
  pickSec: number;
  error: string | null;
}

/** Short clips get more, closer picks: what a person would ask of them. */
export function requestFor(durationSec: number): { count: number; minIntervalSec: number } {
  const minIntervalSec = durationSec >= 10 ? 2 : durationSec >= 4 ? 1 : 0.5;
  return { count: Math.max(1, Math.min(5, Math.floor(durationSec / minIntervalSec / 2))), minIntervalSec };
}

async function benchClips(sources: readonly SourceName[], log: (line: string) => void): Promise<BenchClip[]> {
  const clips: BenchClip[] = [];
  if (sources.includes("real") || sources.includes("degraded-real")) {
    for (const source of await ensureRealClips(log)) {
      const file = realClipFile(source);
      const labels = loadLabels(source.id);
      const durationSec = labels.ranges.at(-1)!.to;
      const half = halfOf(source.id);
      if (sources.includes("real")) clips.push({ id: source.id, kind: "real", half, file, durationSec, labels });
      if (durationSec < MIN_PARENT_SEC || !sources.includes("degraded-real")) continue;
      for (const degraded of await ensureDegraded({ id: source.id, file, durationSec, labels }, log)) {
        clips.push({ id: degraded.id, kind: "degraded-real", half, file: degraded.file, durationSec, labels: degraded.labels, faceRecall: degraded.faceRecall });
      }
    }
  }
  if (sources.includes("generator-2")) {
    // Generator 2 was written apart from the picker and the first generator, and nothing is ever
    // tuned on it: the whole generator is held out, so every clip of it is in the test half.
    for (const clip of await ensureSynth2Clips(log)) clips.push({ id: clip.id, kind: "generator-2", half: "test", file: clip.file, durationSec: clip.durationSec, labels: clip.labels });
  }
  if (sources.includes("long-gop")) {
    for (const plan of await longGopPlans(log)) {
      const clip = await ensureLongGop(plan, log);
      clips.push({ ...clip, kind: "long-gop" });
    }
  }
  return clips;
}

/** Generator 2's clips in runs of about this long, for its long-GOP clips. */
const LONG_GOP_G2_RUN_SEC = 60;

/**
 * Each half's real clips one after another, and generator 2's in runs of about a minute. The
 * tuning half is short (35 s), so its keyframes are 3 s apart, past the picker's 2.5 s limit and
 * still enough of them for five picks; the others' are 5 s apart.
 */
async function longGopPlans(log: (line: string) => void): Promise<LongGopPlan[]> {
  const real = (await ensureRealClips(log)).map((source) => {
    const labels = loadLabels(source.id);
    return { id: source.id, file: realClipFile(source), durationSec: labels.ranges.at(-1)!.to, labels, half: halfOf(source.id) };
  });
  const plans: LongGopPlan[] = [
    { id: "long-gop-real-tuning", half: "tuning", gopSec: 3, parts: real.filter((c) => c.half === "tuning") },
    { id: "long-gop-real-test", half: "test", gopSec: 5, parts: real.filter((c) => c.half === "test") },
  ];
  let run: LongGopPart[] = [];
  const flush = () => {
    if (run.length > 0) plans.push({ id: `long-gop-g2-${plans.length - 1}`, half: "test", gopSec: 5, parts: run });
    run = [];
  };
  for (const clip of await ensureSynth2Clips(log)) {
    run.push(clip);
    if (run.reduce((sum, c) => sum + c.durationSec, 0) >= LONG_GOP_G2_RUN_SEC) flush();
  }
  flush();
  return plans;
}

type Sheet = Array<{ file: string; caption: string }>;
/** Kinds whose picks go on contact sheets (a degraded clip's look like its parent's). */
type SheetKind = Exclude<Kind, "degraded-real">;

async function runOne(clip: BenchClip, quality: PickQuality, mode: PickMode, detector: FaceDetector, sheets: Record<SheetKind, Sheet>): Promise<RealRun> {
  const base = { clip: clip.id, kind: clip.kind, half: clip.half, quality, mode, chance: goodShare(clip.labels), hasFaces: Boolean(clip.labels.faces?.length) };
  const started = performance.now();
  try {
    const { picks, analysis } = await pickFrames(clip.file, { mode, quality, ...requestFor(clip.durationSec) }, { faceDetector: detector });
    const pickSec = (performance.now() - started) / 1000;
    const judged: RealPick[] = [];
    for (const pick of picks) {
      const frame = await grabSourceFrame(clip.file, pick.timestampSec, { expectedThumb: pick.thumb });
      const png = await sharp(frame.pixels, { raw: { width: frame.width, height: frame.height, channels: frame.channels } }).png({ compressionLevel: 1 }).toBuffer();
      const fidelityDb = psnr(await imageGray(png, analysis.width, analysis.height), await sequentialGray(clip.file, pick.timestampSec, analysis.width, analysis.height));
      const range = labelAt(clip.labels, pick.timestampSec);
      const onFace = clip.labels.faces?.some((f) => pick.timestampSec >= f.from && pick.timestampSec < f.to) ?? false;
      judged.push({ timestampSec: pick.timestampSec, label: range.label, reason: range.label === "unusable" ? range.reason : null, fidelityDb, onFace });
      const image = join(OUT, "picks", quality, mode, `${clip.id}_${pick.timestampSec.toFixed(3)}.jpg`);
      mkdirSync(join(image, ".."), { recursive: true });
      writeFileSync(image, await sharp(png).resize(480, 480, { fit: "inside" }).jpeg({ quality: 85 }).toBuffer());
      if (clip.kind !== "degraded-real") sheets[clip.kind].push({ file: image, caption: `${clip.id.split("-").slice(0, 2).join("-")} ${pick.timestampSec.toFixed(2)}s ${range.label === "good" ? (onFace ? "face" : "") : range.reason}` });
    }
    return { ...base, picks: judged, pickSec, error: null };
  } catch (error) {
    return { ...base, picks: [], pickSec: (performance.now() - started) / 1000, error: error instanceof Error ? error.message.slice(0, 200) : String(error) };
  }
}

export interface FaceRecall {
  clip: string;
  half: Half;
  frames: number;
  /** Moments where the whole frame shows a face to the detector. */
  found: number;
  /** ...or, failing that, the tiled second look does (face-tiles.ts; balanced and best spend a few per video). */
  foundWithTiles: number;
}

/** Share of moments inside labelled face ranges where the detector finds a face, at the analysis size the picker uses. */
async function faceRecall(clip: BenchClip, detector: FaceDetector): Promise<FaceRecall> {
  const probe = await probeVideo(clip.file);
  const size = analysisSize(probe.width, probe.height, QUALITY_PRESETS.balanced.analysisLongSide);
  let frames = 0;
  let found = 0;
  let foundWithTiles = 0;
  await sampleFrames(clip.file, { rate: RECALL_RATE, width: size.width, height: size.height }, async (gray, w, h, t) => {
    if (!clip.labels.faces?.some((f) => t >= f.from && t < f.to)) return;
    frames++;
    if ((await detector.detect(gray, w, h)).length > 0) found++;
    if ((await lookAt(detector, gray, w, h, { left: 1 })).faces.length > 0) foundWithTiles++;
  });
  return { clip: clip.id, half: clip.half, frames, found, foundWithTiles };
}

export async function runRealFootage(qualities: readonly PickQuality[], log: (line: string) => void, sources: readonly SourceName[] = ALL_SOURCES): Promise<{ runs: RealRun[]; recall: FaceRecall[]; sheets: string[] }> {
  const clips = await benchClips(sources, log);
  const detector = await createFaceDetector();
  const runs: RealRun[] = [];
  const sheets: string[] = [];
  for (const quality of qualities) {
    for (const mode of PICK_MODES) {
      const sheet: Record<SheetKind, Sheet> = { real: [], "generator-2": [], "long-gop": [] };
      for (const clip of clips) {
        const run = await runOne(clip, quality, mode, detector, sheet);
        runs.push(run);
        const bad = run.picks.filter((p) => p.label !== "good" || p.fidelityDb < FIDELITY_DB);
        log(`${quality} ${mode} ${clip.id}: ${run.error ? `FAILED ${run.error}` : `${run.picks.length} picks${bad.length ? `, ${bad.map((p) => `${p.timestampSec.toFixed(2)}s ${p.reason ?? ""} ${fmt(p.fidelityDb, 1)} dB`).join("; ")}` : ""}`}`);
      }
      for (const [kind, prefix] of [["real", "picks"], ["generator-2", "picks-g2"], ["long-gop", "picks-long-gop"]] as const) {
        if (sheet[kind].length === 0) continue;
        const out = join(OUT, `${prefix}-${quality}-${mode}.jpg`);
        await imagesSheet(sheet[kind], out);
        sheets.push(out);
      }
    }
  }
  const recall = [];
  for (const clip of clips.filter((c) => (c.kind !== "degraded-real" || c.faceRecall) && c.labels.faces)) recall.push(await faceRecall(clip, detector));
  return { runs, recall, sheets };
}

interface Tally {
  clips: Set<string>;
  picks: number;
  good: number;
  chance: number;
  eyesClosed: number;
  /** Profile-mode picks on clips with labelled faces, and how many of them show one. */
  facePicks: number;
  onFace: number;
  worstDb: number;
  failed: number;
}

function tally(runs: readonly RealRun[]): Tally {
  const t: Tally = { clips: new Set(), picks: 0, good: 0, chance: 0, eyesClosed: 0, facePicks: 0, onFace: 0, worstDb: Infinity, failed: 0 };
  for (const run of runs) {
    t.clips.add(run.clip);
    if (run.error) t.failed++;
    t.picks += run.picks.length;
    t.good += run.picks.filter((p) => p.label === "good").length;
    t.chance += run.chance * run.picks.length;
    t.eyesClosed += run.picks.filter((p) => p.reason === "eyes closed").length;
    if (run.mode === "profile" && run.hasFaces) {
      t.facePicks += run.picks.length;
      t.onFace += run.picks.filter((p) => p.onFace).length;
    }
    for (const p of run.picks) t.worstDb = Math.min(t.worstDb, p.fidelityDb);
  }
  return t;
}

export function renderRealFootage({ runs, recall, sheets }: { runs: readonly RealRun[]; recall: readonly FaceRecall[]; sheets: readonly string[] }): string {
  const rows: string[][] = [];
  for (const half of ["test", "tuning"] as const) {
    for (const kind of ALL_SOURCES) {
      for (const quality of [...new Set(runs.map((r) => r.quality))]) {
        const t = tally(runs.filter((r) => r.half === half && r.kind === kind && r.quality === quality));
        if (t.clips.size === 0) continue;
        rows.push([`${half} · ${kind} · ${quality}`, String(t.clips.size), String(t.picks), fmt(t.picks ? t.good / t.picks : null), fmt(t.picks ? t.chance / t.picks : null), fmt(t.facePicks ? t.onFace / t.facePicks : null), String(t.eyesClosed), t.worstDb === Infinity ? "-" : fmt(t.worstDb, 1), String(t.failed)]);
      }
    }
  }
  const table = renderTable(["half · source · preset", "clips", "picks", "in good", "chance", "on face", "eyes closed", "worst dB", "failed"], rows);
  const recallRows = recall.map((r) => [`${r.half} · ${r.clip}`, String(r.frames), fmt(r.frames ? r.found / r.frames : null), fmt(r.frames ? r.foundWithTiles / r.frames : null)]);
  const recallTable = recallRows.length
    ? renderTable(["face recall (balanced analysis size)", "moments", "whole frame", "with tiles"], recallRows)
    : "face recall: no labelled faces";
  const lines = [
    table,
    "",
    "in good = share of picks inside ranges labelled good; chance = the good share of those clips' time (picking at random);",
    "on face = share of profile-mode picks, on clips with labelled faces, inside a range where a face is in view;",
    `worst dB = the lowest PSNR of a delivered frame against decoding the clip from its start (true picture ≥ ${FIDELITY_DB} dB); both modes, every pick.`,
    "",
    recallTable,
    "",
    `contact sheets of the picks: ${sheets.map((s) => s.replace(/^.*\/bench\//, "bench/")).join(", ")}`,
  ];
  return lines.join("\n");
}
