import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type * as TfCore from "@tensorflow/tfjs-core";
import type * as HumanModule from "@vladmandic/human";
import type { EyeChecker } from "./eyes";
import { grayToSquareRgb } from "./gray-to-square-rgb";
import { faceModelFiles } from "./model-files";
import { registerFileModelLoader } from "./tfjs-file-models";
import type { FaceBox, FaceDetector } from "../picker/types";

export type { FaceBox, FaceDetector } from "../picker/types";

/** Below this BlazeFace confidence a box is more often a hand, a pattern or a turned-away head than a usable face. */
export const FACE_MIN_CONFIDENCE = 0.5;
/** Profile scoring only distinguishes none / one / several faces; more than this adds nothing. */
const MAX_FACES = 10;
/** Overlap above which two boxes are the same face (BlazeFace proposes many per face). */
const NMS_IOU = 0.3;

const require = createRequire(import.meta.url);
let loading: Promise<FaceDetector> | undefined;

/** Loads the model once per process; later calls share it. A failed load is retried next call. */
export function createFaceDetector(): Promise<FaceDetector> {
  loading ??= loadDetector().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function loadDetector(): Promise<FaceDetector> {
  const files = faceModelFiles();
  // Same CJS instance that Human's build requires, so the loader we register is the one it uses.
  const tf = require("@tensorflow/tfjs-core") as typeof TfCore;
  registerFileModelLoader(tf);
  const { Human } = require(files.humanWasmBuild) as typeof HumanModule;
  const human = new Human(humanConfig(files.modelsDir, files.wasmDir));
  await human.load();

  // Human keeps per-call state; one detection at a time keeps results from mixing.
  let queue: Promise<unknown> = Promise.resolve();
  // The eye models load on the first eye check (imported late: eyes.ts waits for this detector).
  let eyes: Promise<EyeChecker> | undefined;
  return {
    detect(gray, width, height) {
      const run = queue.then(() => detectOnce(human, tf, gray, width, height));
      queue = run.catch(() => undefined);
      return run;
    },
    async readEyes(gray, width, height, face) {
      eyes ??= import("./eyes").then(({ createEyeChecker }) => createEyeChecker());
      const reading = await (await eyes).check(gray, width, height, face);
      return reading && { open: reading.open, ratio: reading.ratio };
    },
  };
}

function humanConfig(modelsDir: string, wasmDir: string): Partial<HumanModule.Config> {
  const off = { enabled: false };
  return {
    backend: "wasm",
    wasmPath: wasmDir,
    modelBasePath: `${pathToFileURL(modelsDir).href}/`,
    debug: false,
    warmup: "none",
    cacheModels: false,
    // Frames are unrelated stills: never reuse the result of an earlier, similar-looking input.
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: off,
    gesture: off,
    body: off,
    hand: off,
    object: off,
    segmentation: off,
    face: {
      enabled: true,
      detector: {
        enabled: true,
        modelPath: "blazeface.json",
        rotation: false,
        maxDetected: MAX_FACES,
        minConfidence: FACE_MIN_CONFIDENCE,
        iouThreshold: NMS_IOU,
        // Human enlarges boxes by 1.4 for its face mesh; we want the face itself.
        scale: 1,
        // Human's own padding maths is off for non-square inputs; grayToSquareRgb pads instead.
        square: false,
        return: false,
        skipFrames: 0,
        skipTime: 0,
      },
      mesh: off,
      attention: off,
      iris: off,
      description: off,
      emotion: off,
      antispoof: off,
      liveness: off,
      gear: off,
    },
  };
}

async function detectOnce(
  human: HumanModule.Human,
  tf: typeof TfCore,
  gray: Uint8Array,
  width: number,
  height: number,
): Promise<FaceBox[]> {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`face detection needs a positive integer size, got ${width}×${height}`);
  }
  if (gray.length !== width * height) {
    throw new RangeError(`face detection got ${gray.length} bytes for a ${width}×${height} gray image`);
  }
  const input = grayToSquareRgb(tf, gray, width, height);
  let result: HumanModule.Result;
  try {
    result = await human.detect(input);
  } finally {
    input.dispose();
  }
  if (result.error) throw new Error(`face detection failed: ${result.error}`);
  return result.face.flatMap((face) => {
    const box = clampToImage(face.box, face.boxScore, width, height);
    return box ? [box] : [];
  });
}

/** Boxes near an edge can reach past the image (or into the padding); keep only the visible part. */
function clampToImage(
  [x, y, w, h]: HumanModule.Box,
  score: number,
  width: number,
  height: number,
): FaceBox | undefined {
  const left = Math.max(0, x);
  const top = Math.max(0, y);
  const right = Math.min(width, x + w);
  const bottom = Math.min(height, y + h);
  if (right - left < 1 || bottom - top < 1) return undefined;
  return { x: left, y: top, width: right - left, height: bottom - top, score };
}
