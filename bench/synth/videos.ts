/**
 * Makes sure the labelled benchmark videos exist in bench/out/videos/, generating what is missing.
 * A video is reused when its JSON carries the current generator version and the planned seed
 * (the JSON is written last, so a crashed run never leaves a video that looks finished).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GroundTruth } from "~/bench/ground-truth";
import { resolveFfmpeg, resolveFfprobe } from "~/worker/media/binaries";
import { checkTruth } from "./check-truth";
import { mapPool } from "./exec";
import { ensurePhotos } from "./photo-sources";
import { planVideos, type VideoPlan } from "./plan";
import { assembleVideo, renderSegment, segmentJobs } from "./render";
import { verifyVideo } from "./verify";

/** Bump when anything that changes the pictures or labels changes: old videos are then rebuilt. */
export const GENERATOR_VERSION = 2;
export const DEFAULT_VIDEO_COUNT = 8;
export const DEFAULT_SEED = 20240611;
export const VIDEOS_DIR = join(import.meta.dirname, "..", "out", "videos");

export interface BenchVideoFile {
  name: string;
  videoPath: string;
  truthPath: string;
  truth: GroundTruth;
  /** Seconds spent generating it now; null when it came from the cache. */
  generatedInSec: number | null;
}

export interface EnsureVideosOptions {
  count?: number;
  seed?: number;
  /** Regenerate even when cached. */
  force?: boolean;
  log?: (line: string) => void;
}

export async function ensureBenchVideos(options: EnsureVideosOptions = {}): Promise<BenchVideoFile[]> {
  const { count = DEFAULT_VIDEO_COUNT, seed = DEFAULT_SEED, force = false, log = (line: string) => console.error(line) } = options;
  mkdirSync(VIDEOS_DIR, { recursive: true });
  let photosReady = false;
  const results: BenchVideoFile[] = [];
  for (const plan of planVideos(seed, count)) {
    const videoPath = join(VIDEOS_DIR, `${plan.name}.mp4`);
    const truthPath = join(VIDEOS_DIR, `${plan.name}.json`);
    checkTruth(plan.truth);
    const cached = force ? null : readCached(truthPath, videoPath, plan);
    if (cached) {
      results.push({ name: plan.name, videoPath, truthPath, truth: cached, generatedInSec: null });
      continue;
    }
    if (!photosReady) ensurePhotos(log);
    photosReady = true;
    log(`generating ${plan.name} …`);
    const started = performance.now();
    await generateVideo(plan, videoPath);
    const truth: GroundTruth = { ...plan.truth, generator: GENERATOR_VERSION };
    writeFileSync(truthPath, `${JSON.stringify(truth, null, 2)}\n`);
    results.push({ name: plan.name, videoPath, truthPath, truth, generatedInSec: (performance.now() - started) / 1000 });
  }
  return results;
}

function readCached(truthPath: string, videoPath: string, plan: VideoPlan): GroundTruth | null {
  if (!existsSync(truthPath) || !existsSync(videoPath)) return null;
  try {
    const stored = JSON.parse(readFileSync(truthPath, "utf8")) as Partial<GroundTruth>;
    if (stored.generator !== GENERATOR_VERSION || stored.seed !== plan.truth.seed) return null;
    return stored as GroundTruth;
  } catch {
    return null;
  }
}

async function generateVideo(plan: VideoPlan, videoPath: string): Promise<void> {
  const ffmpeg = resolveFfmpeg();
  const work = join(VIDEOS_DIR, `.work-${plan.name}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const jobs = segmentJobs(plan, (i) => join(work, `segment-${String(i).padStart(2, "0")}.mkv`));
    // Two renders at a time: most of a render is single-threaded filtering, and there are 2 cores.
    await mapPool(jobs, 2, (job) => renderSegment(ffmpeg, job));
    const partial = join(work, "final.mp4");
    await assembleVideo(ffmpeg, plan, jobs, partial);
    await verifyVideo(resolveFfprobe(), partial, plan.truth);
    rmSync(videoPath, { force: true });
    // Same file system: a rename, so the final path only ever holds a finished video.
    renameSync(partial, videoPath);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
