import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expectElfFor, nodeArchOf, type LambdaArch } from "./worker-elf";

const run = promisify(execFile);

/**
 * The worker's runtime packages that esbuild cannot bundle (native code, WebAssembly, files read
 * by path), copied into the artefact's node_modules with the same layout Node resolves.
 */

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Per-package choice of files; the default is the whole package minus docs, types and maps. */
interface PackageRule {
  /** Only these paths (relative to the package) ship. */
  only?: readonly string[];
  /** Paths (relative to the package) left out. */
  without?: readonly string[];
  /** Dependencies that are never loaded at run time (type packages, unused backends). */
  skipDeps?: readonly string[];
}

const RULES: Record<string, PackageRule> = {
  // The C++ sources are only for building sharp from source; the prebuilt binary ships separately.
  sharp: { without: ["src", "install"] },
  // Human ships every model (28 MB) and every build; the worker loads the WASM build, BlazeFace
  // (worker/faces/detector.ts) and facemesh + iris (worker/faces/eyes.ts, 4.3 MB).
  // human.node.js is only what `require.resolve("@vladmandic/human")` finds (worker/faces/model-files.ts).
  "@vladmandic/human": {
    only: [
      "package.json",
      "LICENSE",
      "dist/human.node.js",
      "dist/human.node-wasm.js",
      ...["blazeface", "facemesh", "iris"].flatMap((model) => [`models/${model}.json`, `models/${model}.bin`]),
    ],
  },
  // Each tfjs package ships a dozen builds; Node's `require` loads the one its "main" names.
  "@tensorflow/tfjs-core": {
    only: ["package.json", "LICENSE", "dist/tf-core.node.js"],
    skipDeps: ["@types/long", "@types/offscreencanvas", "@types/seedrandom", "@webgpu/types", "long"],
  },
  "@tensorflow/tfjs-converter": { only: ["package.json", "LICENSE", "dist/tf-converter.node.js"] },
  "@tensorflow/tfjs-backend-wasm": {
    only: [
      "package.json",
      "LICENSE",
      "dist/tf-backend-wasm.node.js",
      "dist/tfjs-backend-wasm.wasm",
      "dist/tfjs-backend-wasm-simd.wasm",
      "dist/tfjs-backend-wasm-threaded-simd.wasm",
    ],
    // Its Node build has the CPU kernels it needs inside; the separate package is for the browser.
    skipDeps: ["@tensorflow/tfjs-backend-cpu", "@types/emscripten"],
  },
};

/** The packages the bundle leaves external (scripts/build/worker-bundle.ts) and loads at run time. */
export const RUNTIME_PACKAGES = [
  "sharp",
  "@vladmandic/human",
  "@tensorflow/tfjs-core",
  "@tensorflow/tfjs-converter",
  "@tensorflow/tfjs-backend-wasm",
] as const;

const DROPPED = /(^|\/)(README|CHANGELOG|HISTORY)(\.[a-z]+)?$|\.d\.[cm]?ts$|\.map$/i;

async function readPackageJson(dir: string): Promise<PackageJson> {
  return JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as PackageJson;
}

/** Node's lookup: the nearest node_modules/<name> from `fromDir` upwards, but not above `rootModules`. */
async function resolvePackageDir(name: string, fromDir: string, rootModules: string): Promise<string> {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if ((await stat(path.join(candidate, "package.json")).catch(() => null))?.isFile()) return candidate;
    if (path.join(dir, "node_modules") === rootModules || dir === path.dirname(dir)) break;
  }
  throw new Error(`package ${name} (needed from ${fromDir}) is not installed; run npm ci`);
}

async function copyPackageFiles(from: string, to: string, rule: PackageRule): Promise<void> {
  await mkdir(to, { recursive: true });
  if (rule.only) {
    for (const file of rule.only) {
      await mkdir(path.dirname(path.join(to, file)), { recursive: true });
      await cp(path.join(from, file), path.join(to, file)).catch((error: unknown) => {
        // A LICENSE some packages lack is fine; a missing code or model file is not.
        if (path.basename(file) !== "LICENSE") throw error;
      });
    }
    return;
  }
  const without = new Set((rule.without ?? []).map((p) => path.join(from, p)));
  await cp(from, to, {
    recursive: true,
    dereference: true,
    filter: (source) => {
      const relative = path.relative(from, source);
      if (relative === "") return true;
      // Nested node_modules are copied package by package, with the dependency walk below.
      if (relative.split(path.sep)[0] === "node_modules") return false;
      return !without.has(source) && !DROPPED.test(relative.split(path.sep).join("/"));
    },
  });
}

/**
 * Copies `names` and everything they depend on, each to the same place under `destModules` that
 * it has under `rootModules`, so Node resolves the same versions inside the artefact.
 */
export async function copyPackageClosure(names: readonly string[], rootModules: string, destModules: string): Promise<string[]> {
  const copied = new Set<string>();
  const queue = names.map((name) => ({ name, fromDir: path.dirname(rootModules) }));
  while (queue.length > 0) {
    const { name, fromDir } = queue.shift()!;
    const dir = await resolvePackageDir(name, fromDir, rootModules);
    if (copied.has(dir)) continue;
    copied.add(dir);
    const rule = RULES[name] ?? {};
    await copyPackageFiles(dir, path.join(destModules, path.relative(rootModules, dir)), rule);
    const pkg = await readPackageJson(dir);
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      if (!rule.skipDeps?.includes(dep)) queue.push({ name: dep, fromDir: dir });
    }
  }
  return [...copied].map((dir) => path.relative(rootModules, dir)).sort();
}

/** sharp's two prebuilt packages for a Linux (glibc) architecture, at the versions sharp pins. */
export async function sharpPlatformPackages(rootModules: string, arch: LambdaArch): Promise<Array<{ name: string; version: string }>> {
  const sharp = await readPackageJson(path.join(rootModules, "sharp"));
  const optional = sharp.optionalDependencies ?? {};
  const wanted = [`@img/sharp-linux-${nodeArchOf(arch)}`, `@img/sharp-libvips-linux-${nodeArchOf(arch)}`];
  return wanted.map((name) => {
    const version = optional[name];
    if (!version) throw new Error(`sharp ${sharp.version} lists no ${name}; it has no prebuilt binary for Linux ${arch}`);
    return { name, version };
  });
}

/** The integrity package-lock.json records for a package, to check a tarball fetched with `npm pack`. */
async function lockedIntegrity(repoRoot: string, name: string, version: string): Promise<string | undefined> {
  const lock = JSON.parse(await readFile(path.join(repoRoot, "package-lock.json"), "utf8")) as {
    packages?: Record<string, { version?: string; integrity?: string }>;
  };
  const entry = lock.packages?.[`node_modules/${name}`];
  return entry?.version === version ? entry.integrity : undefined;
}

async function sriOf(file: string): Promise<string> {
  return `sha512-${createHash("sha512").update(await readFile(file)).digest("base64")}`;
}

/**
 * Puts sharp's prebuilt binary and libvips for `arch` into `destModules`. When node_modules has
 * them (building for this machine's architecture) they are copied; otherwise `npm pack` fetches
 * the exact versions from the registry (npm's cache answers offline after the first time) and the
 * tarballs are checked against package-lock.json's integrity before they are unpacked.
 */
export async function installSharpPlatform(repoRoot: string, rootModules: string, destModules: string, arch: LambdaArch, cacheDir: string) {
  const origins: string[] = [];
  for (const { name, version } of await sharpPlatformPackages(rootModules, arch)) {
    const dest = path.join(destModules, name);
    const installed = await readPackageJson(path.join(rootModules, name)).catch(() => null);
    if (installed?.version === version) {
      await copyPackageFiles(path.join(rootModules, name), dest, {});
      origins.push(`${name}@${version} (node_modules)`);
      continue;
    }
    const packDir = path.join(cacheDir, "npm-pack");
    await mkdir(packDir, { recursive: true });
    const { stdout } = await run("npm", ["pack", `${name}@${version}`, "--json", "--pack-destination", packDir], { cwd: repoRoot });
    const [packed] = JSON.parse(stdout) as Array<{ filename: string; integrity: string }>;
    if (!packed) throw new Error(`npm pack ${name}@${version} reported no tarball`);
    const tarball = path.join(packDir, packed.filename);
    const expected = (await lockedIntegrity(repoRoot, name, version)) ?? packed.integrity;
    if ((await sriOf(tarball)) !== expected) throw new Error(`${tarball} does not match the integrity in package-lock.json (${expected})`);
    const unpack = await mkdtemp(path.join(cacheDir, "unpack-"));
    try {
      await run("tar", ["-xzf", tarball, "-C", unpack]);
      await copyPackageFiles(path.join(unpack, "package"), dest, {});
    } finally {
      await rm(unpack, { recursive: true, force: true });
    }
    origins.push(`${name}@${version} (npm pack, integrity checked)`);
  }
  await checkSharpBinaries(destModules, arch);
  return origins;
}

/** Every native file of sharp in the artefact must be for the Lambda's CPU. */
async function checkSharpBinaries(destModules: string, arch: LambdaArch): Promise<void> {
  const native: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(file);
      else if (/\.node$|\.so(\.\d+)*$/.test(entry.name)) native.push(file);
    }
  };
  await walk(path.join(destModules, "@img"));
  if (native.length < 2) throw new Error(`expected sharp's binary and libvips under ${destModules}/@img, found ${native.length} native files`);
  for (const file of native) await expectElfFor(file, arch, "sharp's native library");
}
