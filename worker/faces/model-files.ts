import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** Where the face detector's code, weights and WebAssembly live on disk. */
export interface FaceModelFiles {
  /** Human's Node build that runs on the tfjs WebAssembly backend. */
  humanWasmBuild: string;
  /** Folder holding blazeface, facemesh and iris (.json + .bin each), shipped inside @vladmandic/human. */
  modelsDir: string;
  /** Folder holding tfjs-backend-wasm*.wasm, with a trailing slash as tfjs expects. */
  wasmDir: string;
}

let cached: FaceModelFiles | undefined;

/**
 * Everything is resolved from node_modules so nothing is fetched at run time.
 * Human's "exports" map lists its subpaths without "./", so Node refuses deep imports:
 * resolve the package's main file and walk from there instead.
 */
export function faceModelFiles(): FaceModelFiles {
  if (cached) return cached;
  const humanDist = path.dirname(require.resolve("@vladmandic/human"));
  const wasmFile = require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm");
  cached = {
    humanWasmBuild: path.join(humanDist, "human.node-wasm.js"),
    modelsDir: path.join(humanDist, "..", "models"),
    wasmDir: path.dirname(wasmFile) + path.sep,
  };
  return cached;
}
