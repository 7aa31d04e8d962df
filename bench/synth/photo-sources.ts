/**
 * Fetches the packages the photographs ship in into bench/out/cache (gitignored) and extracts them.
 * Once extracted, nothing is fetched again, so later runs work offline.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PHOTOS, type Photo, type PhotoPackage } from "~/bench/photos";

export const CACHE_DIR = join(import.meta.dirname, "..", "out", "cache");

interface Source {
  /** Directory (under the cache) the package is extracted into. */
  dir: string;
  /** The archive the fetch leaves in the cache. */
  archive: string;
  fetch: string[];
  extract: (archive: string, into: string) => string[];
  hint: string;
}

const SOURCES: Record<PhotoPackage, Source> = {
  "python3-skimage": {
    dir: "python3-skimage",
    archive: "python3-skimage_0.19.3-8_all.deb",
    fetch: ["apt-get", "download", "python3-skimage=0.19.3-8"],
    extract: (archive, into) => ["dpkg-deb", "-x", archive, into],
    hint: "run `apt-get update`, or put python3-skimage_0.19.3-8_all.deb (Debian 12) into bench/out/cache/",
  },
  "@vladmandic/face-api": {
    dir: "face-api",
    archive: "vladmandic-face-api-1.7.15.tgz",
    fetch: ["npm", "pack", "--silent", "@vladmandic/face-api@1.7.15"],
    extract: (archive, into) => ["tar", "-xzf", archive, "-C", into, "package/demo"],
    hint: "check npm registry access, or put vladmandic-face-api-1.7.15.tgz (from `npm pack @vladmandic/face-api@1.7.15`) into bench/out/cache/",
  },
};

/** Absolute path of a photo's source file (its package must have been fetched). */
export function photoFile(photo: Photo): string {
  return join(CACHE_DIR, SOURCES[photo.package].dir, photo.path);
}

/** Makes sure every catalogued photo is on disk, fetching what is missing; throws saying what to do. */
export function ensurePhotos(log: (line: string) => void): void {
  mkdirSync(CACHE_DIR, { recursive: true });
  for (const [name, source] of Object.entries(SOURCES) as Array<[PhotoPackage, Source]>) {
    const needed = PHOTOS.filter((p) => p.package === name);
    if (needed.every((p) => existsSync(photoFile(p)))) continue;
    const archive = join(CACHE_DIR, source.archive);
    if (!existsSync(archive)) {
      log(`fetching ${name} into ${CACHE_DIR} …`);
      run(source.fetch, `could not fetch ${name}: ${source.hint}`);
      if (!existsSync(archive)) throw new Error(`fetching ${name} did not produce ${source.archive}: ${source.hint}`);
    }
    // Extract beside the final directory, then rename: a half-extracted package never looks complete.
    const into = join(CACHE_DIR, source.dir);
    const partial = `${into}.partial`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    run(source.extract(archive, partial), `could not extract ${source.archive}; delete it from ${CACHE_DIR} and retry`);
    rmSync(into, { recursive: true, force: true });
    renameSync(partial, into);
    const missing = needed.filter((p) => !existsSync(photoFile(p)));
    if (missing.length > 0) throw new Error(`${name} has no ${missing.map((p) => p.path).join(", ")}: is it the right version? ${source.hint}`);
  }
}

function run(command: string[], failure: string): void {
  const [bin, ...args] = command;
  try {
    // apt-get download as root warns about its _apt sandbox on stderr: harmless, so keep stderr quiet.
    execFileSync(bin!, args, { cwd: CACHE_DIR, stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    // A missing program has no stderr, only a message (spawnSync … ENOENT).
    const stderr = error instanceof Error && "stderr" in error && error.stderr ? String(error.stderr).trim().slice(-400) : "";
    throw new Error(`${failure}\n${command.join(" ")} failed: ${stderr || (error instanceof Error ? error.message : String(error))}`);
  }
}
