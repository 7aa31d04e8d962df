/**
 * The lock must be complete and agree with package.json, so `npm ci` installs exactly what was
 * tested on every machine: npm resolves the lock again from package.json in a scratch folder
 * (`npm install --package-lock-only`: the registry's metadata, no download, ~4 s) and the result
 * must be the committed lock, byte for byte. It fails when package.json names a version the lock
 * lacks, and when the lock misses entries an install would add (another platform's optional
 * binaries, such as @next/swc-darwin-arm64). Every package the lock marks as having an install
 * script must also be decided, allowed or denied, in package.json's `allowScripts` (the README
 * gives each reason). `npm test` runs it with the lint step.
 */
import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execOrThrow } from "../local/exec";
import { packageNameOf, parsePackageLock, type PackageLock } from "./package-lock";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Problems found (empty when the lock is complete and in step), for the project in `dir`. */
export async function checkLockfile(dir = repoRoot): Promise<string[]> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "frame-picker-lock-"));
  try {
    for (const file of ["package.json", "package-lock.json"]) await copyFile(path.join(dir, file), path.join(scratch, file));
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    await execOrThrow(npm, ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: scratch });
    const [committed, resolved, pkg] = await Promise.all(["package-lock.json", path.join(scratch, "package-lock.json"), "package.json"].map((file) => readFile(path.resolve(dir, file), "utf8")));
    const lock = parsePackageLock(committed!);
    const undecided = undecidedInstallScripts(lock, JSON.parse(pkg!) as { allowScripts?: Record<string, boolean> });
    return [...undecided, ...(committed === resolved ? [] : describeDifference(lock, parsePackageLock(resolved!)))];
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Packages with an install script that `allowScripts` neither allows nor denies. */
function undecidedInstallScripts(lock: PackageLock, pkg: { allowScripts?: Record<string, boolean> }): string[] {
  const decided = new Set(Object.keys(pkg.allowScripts ?? {}));
  const names = Object.entries(lock.packages).flatMap(([where, entry]) => (entry.hasInstallScript ? [packageNameOf(where) ?? ""] : []));
  return [...new Set(names)].filter((name) => !decided.has(name)).map((name) => `${name}: has an install script that package.json's allowScripts neither allows nor denies`);
}

function describeDifference(committed: PackageLock, resolved: PackageLock): string[] {
  const problems: string[] = [];
  const entry = (name: string, lock: PackageLock) => lock.packages[name];
  for (const name of Object.keys(resolved.packages)) {
    const was = entry(name, committed);
    const now = entry(name, resolved);
    if (!was) problems.push(`${name || "the root package"}: missing from the lock (an install adds ${now?.version ?? "it"})`);
    else if (was.version !== now?.version) problems.push(`${name || "the root package"}: the lock has ${was.version ?? "no version"}, package.json resolves ${now?.version ?? "no version"}`);
    else if (JSON.stringify(was) !== JSON.stringify(now)) problems.push(`${name || "the root package"}: its entry differs from what npm resolves`);
  }
  for (const name of Object.keys(committed.packages)) if (!entry(name, resolved)) problems.push(`${name}: in the lock, but nothing needs it any more`);
  const shown = problems.slice(0, 10);
  if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more`);
  if (shown.length === 0) shown.push("package-lock.json differs from what npm resolves (formatting or field order)");
  shown.push("Run `npm install --package-lock-only` and commit package-lock.json.");
  return shown;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = await checkLockfile();
  for (const p of problems) console.error(p);
  if (problems.length > 0) process.exit(1);
  console.log("package-lock.json: complete, and in step with package.json");
}
