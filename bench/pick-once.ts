/**
 * One picker run in a fresh process, so the runner can measure it under GNU time:
 *
 *   node --import tsx bench/pick-once.ts '{"picker":"v2-balanced","video":"…","mode":"profile","count":5,"minIntervalSec":2}'
 *
 * The face detector is loaded before the clock starts (a warm worker already has it): for profile
 * mode, and for v2 in either mode (it reads the eyes of its picks), as the worker does. Prints one
 * marked JSON line (child-protocol.ts).
 */
import { createFaceDetector, type FaceDetector } from "../worker/faces/detector";
import { RESULT_MARKER, type PickOnceArgs, type PickOnceResult } from "./runner/child-protocol";

const args = JSON.parse(process.argv[2] ?? "null") as PickOnceArgs | null;
if (!args) throw new Error("usage: pick-once.ts '<json PickOnceArgs>'");

let detector: FaceDetector | null = null;
let detectorLoadMs: number | null = null;
if (args.mode === "profile" || args.picker !== "baseline") {
  const loadStart = performance.now();
  detector = await createFaceDetector();
  detectorLoadMs = performance.now() - loadStart;
}

// v2 measures frames on a thread that a warm worker keeps between jobs: start it before the clock too.
if (args.picker !== "baseline") {
  const { sharedFrameMeasurer } = await import("../worker/picker/frame-measurer");
  await sharedFrameMeasurer().measure(new Uint8Array(64 * 36), 64, 36, 0, null);
}

const params = { mode: args.mode, count: args.count, minIntervalSec: args.minIntervalSec };
// Module loading is start-up, not picking: warm the imports before the clock starts.
await (args.picker === "baseline" ? import("./pickers/baseline") : import("../worker/picker/pick"));
const start = performance.now();
let picks: PickOnceResult["picks"];
let samples: number;
// Imported on demand: the baseline must still run while the worker's picker is mid-rewrite.
if (args.picker === "baseline") {
  const { pickBaseline } = await import("./pickers/baseline");
  ({ picks, samples } = await pickBaseline(args.video, params, detector));
} else {
  const { pickFrames } = await import("../worker/picker/pick");
  const quality = args.picker.slice("v2-".length) as "fast" | "balanced" | "best";
  const result = await pickFrames(args.video, { ...params, quality }, detector ? { faceDetector: detector } : {});
  picks = result.picks.map(({ timestampSec, score }) => ({ timestampSec, score }));
  samples = result.samples;
}
const pickMs = performance.now() - start;

const result: PickOnceResult = { picks, samples, pickMs, detectorLoadMs, processMaxRssMb: process.resourceUsage().maxRSS / 1024 };
process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
