/**
 * Labelled synthetic benchmark videos, made from photographs shipped in public packages.
 *
 *   npx tsx bench/generate.ts [--videos N] [--seed S] [--force] [--long | --no-long]
 *
 * Writes bench/out/videos/<name>.mp4 + <name>.json (GroundTruth, bench/ground-truth.ts) and, unless
 * --no-long, the 60/300/600 s 1080p length clips (bench/clips.ts); --long makes only those.
 * Everything is cached: a second run only checks. Prints one summary line per video.
 * The runner imports ensureBenchVideos / ensureLengthClips instead of running this.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { hasGoodSingleFace } from "./ground-truth";
import { ensureLengthClips } from "./clips";
import { LAYOUT_LEGEND, layoutString } from "./synth/layout";
import { DEFAULT_SEED, DEFAULT_VIDEO_COUNT, ensureBenchVideos, type BenchVideoFile } from "./synth/videos";

export { ensureBenchVideos, type BenchVideoFile, type EnsureVideosOptions } from "./synth/videos";
export { ensureLengthClips, lengthClipPath, CLIP_SECONDS, type ClipSeconds } from "./clips";

interface Args {
  videos: number;
  seed: number;
  force: boolean;
  makeVideos: boolean;
  makeClips: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { videos: DEFAULT_VIDEO_COUNT, seed: DEFAULT_SEED, force: false, makeVideos: true, makeClips: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const number = () => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} needs a whole number`);
      return value;
    };
    if (flag === "--videos") args.videos = number();
    else if (flag === "--seed") args.seed = number();
    else if (flag === "--force") args.force = true;
    else if (flag === "--long") args.makeVideos = false;
    else if (flag === "--no-long") args.makeClips = false;
    else throw new Error(`unknown flag ${flag}; usage: npx tsx bench/generate.ts [--videos N] [--seed S] [--force] [--long | --no-long]`);
  }
  return args;
}

function printSummary(videos: readonly BenchVideoFile[]): void {
  console.log(`\n${LAYOUT_LEGEND}`);
  for (const video of videos) {
    const { truth } = video;
    const time = video.generatedInSec === null ? "cached" : `${video.generatedInSec.toFixed(1)} s`;
    const face = hasGoodSingleFace(truth) ? "one good face" : "no face     ";
    console.log(`${video.name.padEnd(17)} GOP ${String(truth.gopFrames).padEnd(3)} seed ${String(truth.seed).padEnd(10)} ${face} ${time.padStart(7)}  ${layoutString(truth)}`);
  }
  // Each photo should be good somewhere and degraded somewhere else, or a picker could learn it.
  const roles = new Map<string, { good: number; bad: number }>();
  for (const segment of videos.flatMap((v) => v.truth.segments)) {
    if (!segment.photo) continue;
    const entry = roles.get(segment.photo) ?? { good: 0, bad: 0 };
    entry[segment.quality === "good" ? "good" : "bad"]++;
    roles.set(segment.photo, entry);
  }
  const oneSided = [...roles].filter(([, r]) => r.good === 0 || r.bad === 0).map(([id, r]) => `${id} (${r.good} good, ${r.bad} degraded)`);
  console.log(`photos used: ${roles.size}; only good or only degraded: ${oneSided.length ? oneSided.join(", ") : "none"}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  if (args.makeVideos) {
    const videos = await ensureBenchVideos({ count: args.videos, seed: args.seed, force: args.force });
    printSummary(videos);
    console.log(`videos: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  if (args.makeClips) {
    const clipsStarted = performance.now();
    const clips = await ensureLengthClips();
    for (const clip of clips) console.log(`clip ${clip.seconds} s: ${clip.path}`);
    console.log(`length clips: ${((performance.now() - clipsStarted) / 1000).toFixed(1)} s`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
