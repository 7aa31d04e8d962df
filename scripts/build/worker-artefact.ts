import { createHash } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ARTEFACT_FILES, ARTEFACT_FONTS_CONF } from "../../worker/lambda-defaults";
import { textFontFile } from "../../worker/media/text-image";
import { downloadFfmpeg, installFfmpeg, type FfmpegSource, type InstalledFfmpeg } from "./ffmpeg-binaries";
import { bundleHandler, MIGRATE_EXTERNALS, WORKER_EXTERNALS } from "./worker-bundle";
import type { LambdaArch } from "./worker-elf";
import { copyPackageClosure, installSharpPlatform, RUNTIME_PACKAGES } from "./worker-packages";
import { directorySize, zipDirectory } from "./worker-size";

/**
 * Builds the two Lambda artefacts:
 *   <out>/worker/   handler.mjs (+ map) · measure-thread.mjs (the picker's worker thread) ·
 *                   node_modules/ (sharp for the arch, Human + tfjs WASM,
 *                   BlazeFace, facemesh, iris) · fonts/ (watermark font, fonts.conf) · bin/ (ffmpeg, ffprobe)
 *   <out>/migrate/  handler.mjs (+ map) · migrations/ — no binaries, so any architecture runs it
 * and a zip of each beside it. Separate artefacts: the migration function stays a few hundred KB
 * (fast cold start during deploys) and gets none of the worker's binaries.
 */

/** download: the pinned release (`recordPins`: record pins not yet recorded, see ffmpeg-pins.ts). */
export type FfmpegChoice = { kind: "download"; recordPins: boolean } | { kind: "skip" } | { kind: "dir"; dir: string; allowDynamic: boolean };

export interface BuildOptions {
  repoRoot: string;
  outDir: string;
  arch: LambdaArch;
  ffmpeg: FfmpegChoice;
  /** Downloads and npm-pack tarballs are kept here between builds. */
  cacheDir: string;
  log: (line: string) => void;
}

export interface ArtefactReport {
  dir: string;
  zip: string;
  unzippedBytes: number;
  zippedBytes: number;
}

export interface BuildReport {
  worker: ArtefactReport & { ffmpeg: InstalledFfmpeg | null; bundleBytes: number; packages: string[] };
  migrate: ArtefactReport & { migrationsHash: string };
}

/** Only the SQL files and drizzle's journal are read at run time (the snapshots are for drizzle-kit). */
async function copyMigrations(repoRoot: string, dest: string): Promise<string> {
  const src = path.join(repoRoot, "db", "migrations");
  await mkdir(path.join(dest, "meta"), { recursive: true });
  const hash = createHash("sha256");
  const files = (await readdir(src)).filter((f) => f.endsWith(".sql")).sort();
  for (const file of [...files, "meta/_journal.json"]) {
    const content = await readFile(path.join(src, file));
    hash.update(file).update(content);
    await writeFile(path.join(dest, file), content);
  }
  return hash.digest("hex").slice(0, 16);
}

async function installFonts(workerDir: string): Promise<void> {
  const font = textFontFile();
  if (!font) throw new Error("the watermark font was not found (npm package geist, or WATERMARK_FONT_FILE)");
  const fontsDir = path.join(workerDir, path.dirname(ARTEFACT_FILES.WATERMARK_FONT_FILE));
  await mkdir(fontsDir, { recursive: true });
  await copyFile(font, path.join(workerDir, ARTEFACT_FILES.WATERMARK_FONT_FILE));
  // The SIL OFL travels with the font (geist/LICENSE.txt, three levels above dist/fonts/geist-sans/).
  const license = path.join(path.dirname(font), "..", "..", "..", "LICENSE.txt");
  await copyFile(license, path.join(fontsDir, "Geist-LICENSE.txt")).catch(() => undefined);
  await writeFile(path.join(workerDir, ARTEFACT_FILES.FONTCONFIG_FILE), ARTEFACT_FONTS_CONF);
}

async function ffmpegSource(opts: BuildOptions): Promise<{ source: FfmpegSource; allowDynamic: boolean } | null> {
  switch (opts.ffmpeg.kind) {
    case "skip":
      return null;
    case "dir":
      return { source: { dir: path.resolve(opts.ffmpeg.dir), origin: `--ffmpeg-dir ${path.resolve(opts.ffmpeg.dir)}`, release: null }, allowDynamic: opts.ffmpeg.allowDynamic };
    case "download":
      return { source: await downloadFfmpeg(opts.arch, opts.cacheDir, process.env, opts.ffmpeg.recordPins), allowDynamic: false };
  }
}

export async function buildArtefacts(opts: BuildOptions): Promise<BuildReport> {
  const dirs = [path.join(opts.outDir, "worker"), path.join(opts.outDir, "migrate")];
  try {
    return await buildInto(dirs[0]!, dirs[1]!, opts);
  } catch (error) {
    // Never leave a half-built artefact where a deploy would pick it up.
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    for (const dir of dirs) await rm(`${dir}.zip`, { force: true });
    throw error;
  }
}

async function buildInto(workerDir: string, migrateDir: string, opts: BuildOptions): Promise<BuildReport> {
  const rootModules = path.join(opts.repoRoot, "node_modules");
  for (const dir of [workerDir, migrateDir]) await rm(dir, { recursive: true, force: true });
  await mkdir(workerDir, { recursive: true });

  // ffmpeg first: when it cannot be had (or is the wrong build), nothing else is worth doing.
  const choice = opts.ffmpeg;
  opts.log(
    `ffmpeg for ${opts.arch}: ${choice.kind === "skip" ? "SKIPPED (--skip-ffmpeg)" : choice.kind === "dir" ? `from ${choice.dir}` : "downloading (or from the cache)"}`,
  );
  const ffmpeg = await ffmpegSource(opts);
  const installed = ffmpeg ? await installFfmpeg(ffmpeg.source, path.join(workerDir, "bin"), opts.arch, ffmpeg.allowDynamic) : null;

  opts.log("bundling worker/lambda-handler.ts");
  const bundle = await bundleHandler(opts.repoRoot, "worker/lambda-handler.ts", workerDir, WORKER_EXTERNALS);
  // The picker measures frames on a worker thread, whose script must sit beside the handler (frame-measurer.ts).
  const thread = await bundleHandler(opts.repoRoot, "worker/picker/measure-thread.ts", workerDir, WORKER_EXTERNALS, "measure-thread.mjs");
  const bundleBytes = [bundle, thread].flatMap((b) => Object.values(b.metafile.outputs)).reduce((sum, o) => sum + o.bytes, 0);

  opts.log("copying runtime packages (sharp, Human, tfjs WASM)");
  const packages = await copyPackageClosure(RUNTIME_PACKAGES, rootModules, path.join(workerDir, "node_modules"));
  opts.log(`sharp's prebuilt binaries for linux-${opts.arch}`);
  packages.push(...(await installSharpPlatform(opts.repoRoot, rootModules, path.join(workerDir, "node_modules"), opts.arch, opts.cacheDir)));
  await installFonts(workerDir);

  opts.log("bundling db/migrate-handler.ts");
  await mkdir(migrateDir, { recursive: true });
  await bundleHandler(opts.repoRoot, "db/migrate-handler.ts", migrateDir, MIGRATE_EXTERNALS);
  const migrationsHash = await copyMigrations(opts.repoRoot, path.join(migrateDir, "migrations"));

  const workerInfo = {
    arch: opts.arch,
    runtime: "nodejs22.x",
    handlers: ["handler.handler", "handler.deadLetterHandler", "handler.retentionHandler"],
    ffmpeg: installed ? { included: true, origin: installed.origin, release: installed.release, static: installed.static } : { included: false },
    packages,
  };
  await writeFile(path.join(workerDir, "build-info.json"), `${JSON.stringify(workerInfo, null, 2)}\n`);
  const migrateInfo = { runtime: "nodejs22.x", handlers: ["handler.handler"], migrationsHash };
  await writeFile(path.join(migrateDir, "build-info.json"), `${JSON.stringify(migrateInfo, null, 2)}\n`);

  const measure = async (dir: string): Promise<ArtefactReport> => {
    const zip = `${dir}.zip`;
    const zippedBytes = await zipDirectory(dir, zip);
    return { dir, zip, unzippedBytes: await directorySize(dir), zippedBytes };
  };
  opts.log("zipping");
  return {
    worker: { ...(await measure(workerDir)), ffmpeg: installed, bundleBytes, packages },
    migrate: { ...(await measure(migrateDir)), migrationsHash },
  };
}
