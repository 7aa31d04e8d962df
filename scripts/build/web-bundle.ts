import { createReadStream } from "node:fs";
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import { createDeflateRaw } from "node:zlib";

/**
 * What `npx open-next build` left in .open-next/, measured the way Lambda counts it. The server
 * function has a hard limit of 250 MB unzipped (code + layers); the zipped figure is what the
 * deploy uploads.
 */

export const LAMBDA_UNZIPPED_LIMIT_BYTES = 250 * 1024 * 1024;

/** Packages that belong to the worker, local tooling or the deploy, never to the web server. */
export const FORBIDDEN_IN_SERVER_FUNCTION = [
  "sharp",
  "@img/*",
  "ffmpeg-static",
  "@vladmandic/human",
  "@tensorflow/*",
  "fauxqs",
  "@electric-sql/*",
  "aws-cdk-lib",
  "aws-cdk",
  "@opennextjs/aws",
  "esbuild",
  "@esbuild/*",
  "typescript",
  "playwright-core",
  "@playwright/test",
  "vitest",
  "drizzle-kit",
];

export interface BundleSize {
  dir: string;
  files: number;
  unzippedBytes: number;
  /** Deflate (level 6, as `zip` and the CDK use) plus zip's per-entry headers. */
  zippedBytes: number;
  /** Package names found under any node_modules/ inside the bundle. */
  packages: Set<string>;
}

const ZIP_LOCAL_HEADER = 30;
const ZIP_CENTRAL_HEADER = 46;
const ZIP_END_RECORD = 22;

async function deflatedSize(file: string): Promise<number> {
  let bytes = 0;
  const counter = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  await pipeline(createReadStream(file), createDeflateRaw({ level: 6 }), counter);
  return bytes;
}

/** "@img/sharp-linux-arm64" for …/node_modules/@img/sharp-linux-arm64/…; undefined outside node_modules. */
function packageNameAt(relativeDir: string): string | undefined {
  const parts = relativeDir.split(path.sep);
  const last = parts.lastIndexOf("node_modules");
  if (last === -1) return undefined;
  const [first, second] = parts.slice(last + 1);
  if (!first) return undefined;
  if (first.startsWith("@")) return second ? `${first}/${second}` : undefined;
  return first;
}

/**
 * Sizes every file the zip would hold. Symlinks are followed (the deploy's zip stores their
 * targets), and one that leads outside the bundle is an error: the deployed function would
 * either miss that file or carry a copy of something from the build machine.
 */
export async function measureBundle(dir: string): Promise<BundleSize> {
  const root = await realpath(dir);
  const result: BundleSize = { dir, files: 0, unzippedBytes: 0, zippedBytes: ZIP_END_RECORD, packages: new Set() };

  async function visit(current: string, relative: string, ancestors: ReadonlySet<string>): Promise<void> {
    const name = packageNameAt(relative);
    if (name) result.packages.add(name);
    for (const entry of await readdir(current)) {
      const full = path.join(current, entry);
      const rel = relative ? path.join(relative, entry) : entry;
      if ((await lstat(full)).isSymbolicLink()) {
        const target = await realpath(full);
        if (target !== root && !target.startsWith(root + path.sep)) {
          throw new Error(`${path.join(dir, rel)} links to ${target}, outside the bundle`);
        }
      }
      const info = await stat(full);
      if (info.isDirectory()) {
        const real = await realpath(full);
        if (ancestors.has(real)) continue; // a link back up the tree
        await visit(full, rel, new Set([...ancestors, real]));
      } else if (info.isFile()) {
        const nameBytes = Buffer.byteLength(rel.split(path.sep).join("/"));
        result.files += 1;
        result.unzippedBytes += info.size;
        result.zippedBytes +=
          Math.min(info.size, await deflatedSize(full)) + ZIP_LOCAL_HEADER + ZIP_CENTRAL_HEADER + 2 * nameBytes;
      }
    }
  }

  await visit(root, "", new Set([root]));
  return result;
}

function matches(pattern: string, name: string): boolean {
  return pattern.endsWith("/*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/**
 * The server function's bundle must stay under Lambda's unzipped limit and must not carry the
 * worker's or the tooling's packages. Returns the measurement; throws with the figures otherwise.
 */
export async function assertServerFunctionFits(serverFunctionDir: string): Promise<BundleSize> {
  const size = await measureBundle(serverFunctionDir);
  const forbidden = [...size.packages].filter((p) => FORBIDDEN_IN_SERVER_FUNCTION.some((f) => matches(f, p))).sort();
  const problems: string[] = [];
  if (size.unzippedBytes >= LAMBDA_UNZIPPED_LIMIT_BYTES) {
    problems.push(
      `it is ${formatMiB(size.unzippedBytes)} unzipped; Lambda refuses ${formatMiB(LAMBDA_UNZIPPED_LIMIT_BYTES)} or more`,
    );
  }
  if (forbidden.length > 0) {
    problems.push(`it contains ${forbidden.join(", ")} (add them to outputFileTracingExcludes in next.config.mjs)`);
  }
  if (problems.length > 0) throw new Error(`The server function bundle ${serverFunctionDir} is not deployable: ${problems.join("; ")}`);
  return size;
}

/**
 * OpenNext installs sharp for the image optimiser with `npm install` and only logs when that
 * fails; without the Linux arm64 binary every /_next/image request would fail in Lambda.
 */
export async function assertImageOptimizerHasSharp(imageFunctionDir: string): Promise<BundleSize> {
  const size = await measureBundle(imageFunctionDir);
  const needed = ["sharp", "@img/sharp-linux-arm64", "@img/sharp-libvips-linux-arm64"];
  const missing = needed.filter((p) => !size.packages.has(p));
  if (missing.length > 0) {
    throw new Error(
      `The image optimisation function ${imageFunctionDir} lacks ${missing.join(", ")}: OpenNext's sharp install failed (is the npm registry reachable?)`,
    );
  }
  return size;
}

export function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
