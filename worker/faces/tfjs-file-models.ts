import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as TfCore from "@tensorflow/tfjs-core";

type Tf = typeof TfCore;
type LoadRouter = Parameters<Tf["io"]["registerLoadRouter"]>[0];

const registered = new WeakSet<Tf>();

/**
 * tfjs-core only loads models over http(s) unless the 300 MB native tfjs-node is installed.
 * This teaches it to read `file://…/model.json` (and the weight files it lists) from disk,
 * so the weights that ship inside the npm package are used and nothing is fetched.
 */
export function registerFileModelLoader(tf: Tf): void {
  if (registered.has(tf)) return;
  registered.add(tf);
  const fileRouter = (url: string | string[]): TfCore.io.IOHandler | null => {
    if (typeof url !== "string" || !url.startsWith("file://")) return null;
    const modelPath = fileURLToPath(url);
    return { load: () => loadModelFromDisk(tf, modelPath) };
  };
  // tfjs's typings omit the `null` ("not mine") that its registry expects from routers.
  tf.io.registerLoadRouter(fileRouter as LoadRouter);
}

async function loadModelFromDisk(tf: Tf, modelPath: string): Promise<TfCore.io.ModelArtifacts> {
  const modelJson = JSON.parse(await readFile(modelPath, "utf8")) as TfCore.io.ModelJSON;
  return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const specs = manifest.flatMap((group) => group.weights);
    const shards = await Promise.all(
      manifest.flatMap((group) => group.paths).map((shard) => readFile(path.join(path.dirname(modelPath), shard))),
    );
    const weights = Buffer.concat(shards);
    // Copy out of Node's shared buffer pool: tfjs reads the whole ArrayBuffer.
    return [specs, weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength)];
  });
}
