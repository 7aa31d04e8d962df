import path from "node:path";
import { build, type Metafile } from "esbuild";
import { RUNTIME_PACKAGES } from "./worker-packages";

/**
 * esbuild settings shared by the worker and migration Lambdas: one ESM file for Node 22 (the
 * Lambda runtime), minified, with a source map (set NODE_OPTIONS=--enable-source-maps on the
 * function for readable stack traces) and licence comments kept in a side file.
 *
 * The banner gives bundled CommonJS code (parts of the AWS SDK, pg) the `require`,
 * `__filename` and `__dirname` that ESM lacks. They are set on globalThis rather than declared,
 * so they never clash with a module's own `const require = createRequire(…)`.
 */
const BANNER = [
  'import { createRequire as __fpCreateRequire } from "node:module";',
  'import { fileURLToPath as __fpFileURLToPath } from "node:url";',
  'import { dirname as __fpDirname } from "node:path";',
  "globalThis.require ??= __fpCreateRequire(import.meta.url);",
  "globalThis.__filename ??= __fpFileURLToPath(import.meta.url);",
  "globalThis.__dirname ??= __fpDirname(globalThis.__filename);",
].join("\n");

export interface BundleResult {
  file: string;
  metafile: Metafile;
}

/** Bundles `entry` (relative to the repo) into `<outDir>/<fileName>` (default handler.mjs). */
export async function bundleHandler(repoRoot: string, entry: string, outDir: string, external: readonly string[], fileName = "handler.mjs"): Promise<BundleResult> {
  const file = path.join(outDir, fileName);
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22",
    minify: true,
    sourcemap: true,
    legalComments: "linked",
    tsconfig: path.join(repoRoot, "tsconfig.json"),
    external: [...external],
    banner: { js: BANNER },
    metafile: true,
    logLevel: "warning",
  });
  return { file, metafile: result.metafile };
}

/**
 * What the worker bundle leaves to node_modules: sharp (native), Human + tfjs (loaded by path
 * through createRequire, with WebAssembly and model files beside them), and pg's optional native
 * driver, which is never installed.
 */
export const WORKER_EXTERNALS: readonly string[] = [...RUNTIME_PACKAGES, "@img/*", "@tensorflow/*", "pg-native"];
export const MIGRATE_EXTERNALS: readonly string[] = ["pg-native"];
