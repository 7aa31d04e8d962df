import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as TfConverter from "@tensorflow/tfjs-converter";
import type * as TfCore from "@tensorflow/tfjs-core";
import { createFaceDetector } from "./detector";
import { combinedOpenness, eyeShape, frontalness, weightedOpenness, type EyeOutline, type EyeShape, type Point } from "./eye-geometry";
import { faceModelFiles } from "./model-files";
import { sampleSquare, type SquareRegion } from "./sample-square";
import type { FaceBox } from "../picker/types";

export { CLOSED_AT, OPEN_AT } from "./eye-geometry";

/** What the face mesh saw of one face. Eyes are named as seen in the image: `left` is the viewer's left. */
export interface EyeReading {
  left: EyeShape;
  right: EyeShape;
  /**
   * Both eyes' lid gap over eye width, width-weighted (eye-geometry.ts weightedOpenness). Compare
   * it between moments of the same face: people's open eyes differ more than one face's blink.
   */
  ratio: number;
  /** `ratio` mapped to 0 shut … 1 open between CLOSED_AT and OPEN_AT. */
  open: number;
  /** 0 side view … 1 frontal: narrower eye width over wider (eye-geometry.ts frontalness). */
  frontal: number;
  /**
   * Where the irises sit along the eyes, in eye widths, averaged over both eyes and corrected by
   * IRIS_OFFSET_BIAS: ~0 looking at the camera, negative towards the image's left. Rough: ±0.03
   * between frames of a still face.
   */
  gaze: number;
  /** The mesh model's own confidence that the crop holds a face, 0–1. */
  meshScore: number;
}

export interface EyeChecker {
  /**
   * Reads the eyes of the face in `box` (pixels of this image) from a gray or interleaved RGB
   * image (sample-square.ts). Null when the mesh model does not see a face there. One check at a
   * time; calls queue.
   */
  check(pixels: Uint8Array, width: number, height: number, box: FaceBox): Promise<EyeReading | null>;
  /** Frees the models' tfjs memory; the checker cannot be used afterwards. */
  dispose(): void;
}

/** Below this facemesh confidence the crop is not a face (Human uses the same gate). */
export const MESH_MIN_CONFIDENCE = 0.5;
/** Human's BlazeFace → facemesh margin: the mesh was trained on crops 1.4× the detector's box. */
const FACE_MARGIN = 1.4;
const MESH_SIZE = 192;
/** MediaPipe's eye crop: 2.3× the corner-to-corner span, square. */
const EYE_MARGIN = 2.3;
const IRIS_SIZE = 64;
/** Per eye the iris model returns 71 outline points then 5 iris points, x/y/z each. */
const IRIS_POINTS = 76;
/** Mesh indices of each eye's corners, as seen in the image: left eye 33 → 133, right eye 362 → 263. */
const CORNERS = { left: [33, 133], right: [362, 263] } as const;
/**
 * The iris model puts the iris centre this far (in eye widths) to the image's left of the corners'
 * midpoint on every face we tried, on a photo and on its mirror image alike (a real gaze would
 * change sign when mirrored), so it is the model's offset and is taken out of `gaze`.
 */
const IRIS_OFFSET_BIAS = -0.085;

const require = createRequire(import.meta.url);

/** Loads facemesh + iris once per call; the caller keeps the checker for the process. */
export async function createEyeChecker(): Promise<EyeChecker> {
  // The detector's load sets up the tfjs WebAssembly backend and the file:// model loader.
  await createFaceDetector();
  const tf = require("@tensorflow/tfjs-core") as typeof TfCore;
  const converter = require("@tensorflow/tfjs-converter") as typeof TfConverter;
  const { modelsDir } = faceModelFiles();
  const load = (name: string) => converter.loadGraphModel(pathToFileURL(path.join(modelsDir, name)).href);
  const [mesh, iris] = await Promise.all([load("facemesh.json"), load("iris.json")]);

  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;
  return {
    check(pixels, width, height, box) {
      if (disposed) return Promise.reject(new Error("eye checker used after dispose()"));
      const run = queue.then(() => checkOnce(tf, mesh, iris, pixels, width, height, box));
      queue = run.catch(() => undefined);
      return run;
    },
    dispose() {
      disposed = true;
      mesh.dispose();
      iris.dispose();
    },
  };
}

async function checkOnce(
  tf: typeof TfCore,
  mesh: TfConverter.GraphModel,
  iris: TfConverter.GraphModel,
  pixels: Uint8Array,
  width: number,
  height: number,
  box: FaceBox,
): Promise<EyeReading | null> {
  const side = Math.max(box.width, box.height) * FACE_MARGIN;
  if (!(side > 0)) throw new RangeError(`eye check needs a face box with a size, got ${box.width}×${box.height}`);
  const face: SquareRegion = { x: box.x + box.width / 2 - side / 2, y: box.y + box.height / 2 - side / 2, side };
  const faceCrop = sampleSquare(pixels, width, height, face, { size: MESH_SIZE, divisor: 255 });

  const meshOut = tf.tidy(() => mesh.execute(tf.tensor4d(faceCrop, [1, MESH_SIZE, MESH_SIZE, 3])) as TfCore.Tensor[]);
  let flag: Float32Array | Int32Array | Uint8Array;
  let points: Float32Array | Int32Array | Uint8Array;
  try {
    const byWidth = (n: number) => meshOut.find((t) => t.shape[t.shape.length - 1] === n);
    flag = await (byWidth(1) ?? missing("face flag")).data();
    points = await (byWidth(1404) ?? missing("mesh")).data();
  } finally {
    tf.dispose(meshOut);
  }
  const meshScore = flag[0] ?? 0;
  if (meshScore < MESH_MIN_CONFIDENCE) return null;
  const meshPoint = (i: number): Point => [points[i * 3] ?? 0, points[i * 3 + 1] ?? 0];

  // Both eyes in one iris call; the model knows one eye, so the image-right one goes in mirrored.
  const eyeBoxes = [eyeRegion(meshPoint(CORNERS.left[0]), meshPoint(CORNERS.left[1])), eyeRegion(meshPoint(CORNERS.right[0]), meshPoint(CORNERS.right[1]))] as const;
  const eyeCrops = new Float32Array(2 * IRIS_SIZE * IRIS_SIZE * 3);
  eyeCrops.set(sampleSquare(faceCrop, MESH_SIZE, MESH_SIZE, eyeBoxes[0], { size: IRIS_SIZE }), 0);
  eyeCrops.set(sampleSquare(faceCrop, MESH_SIZE, MESH_SIZE, eyeBoxes[1], { size: IRIS_SIZE, flip: true }), IRIS_SIZE * IRIS_SIZE * 3);
  const irisOut = tf.tidy(() => iris.execute(tf.tensor4d(eyeCrops, [2, IRIS_SIZE, IRIS_SIZE, 3])) as TfCore.Tensor);
  let eyeData: Float32Array | Int32Array | Uint8Array;
  try {
    eyeData = await irisOut.data();
  } finally {
    irisOut.dispose();
  }

  // Back from iris-crop pixels to mesh-crop pixels: the aspect is 1:1 in both, which is all the ratios need.
  const toMesh = (eye: 0 | 1, i: number): Point => {
    const region = eyeBoxes[eye];
    const at = (eye * IRIS_POINTS + i) * 3;
    const x = (eyeData[at] ?? 0) / IRIS_SIZE;
    return [region.x + (eye === 1 ? 1 - x : x) * region.side, region.y + ((eyeData[at + 1] ?? 0) / IRIS_SIZE) * region.side];
  };
  const shapes = ([0, 1] as const).map((eye) => eyeShape(eyeOutline((i) => toMesh(eye, i))));
  const [left, right] = shapes as [EyeShape, EyeShape];
  // Widths back in the caller's pixels, so they can be compared with the face box.
  const scale = side / MESH_SIZE;
  const inImage = (shape: EyeShape): EyeShape => ({ ...shape, width: shape.width * scale });
  const offsets = shapes.flatMap((shape) => (shape.irisOffset === null ? [] : [shape.irisOffset]));
  return {
    left: inImage(left),
    right: inImage(right),
    ratio: weightedOpenness(shapes),
    open: combinedOpenness(shapes),
    frontal: frontalness(shapes),
    gaze: offsets.length ? offsets.reduce((sum, x) => sum + x, 0) / offsets.length - IRIS_OFFSET_BIAS : 0,
    meshScore,
  };
}

/**
 * The iris model's outline order: points 0–8 the lower lid corner to corner, 9–15 the upper lid,
 * 71 the iris centre. The mirrored eye's points are unmirrored by toMesh, so both run the same way.
 */
function eyeOutline(point: (i: number) => Point): EyeOutline {
  const range = (from: number, count: number) => Array.from({ length: count }, (_, k) => point(from + k));
  return { lower: range(0, 9), upper: range(9, 7), iris: point(71) };
}

function eyeRegion(a: Point, b: Point): SquareRegion {
  const side = Math.max(Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1])) * EYE_MARGIN;
  return { x: (a[0] + b[0]) / 2 - side / 2, y: (a[1] + b[1]) / 2 - side / 2, side };
}

function missing(what: string): never {
  throw new Error(`facemesh returned no ${what} output`);
}
