import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkLockfile } from "../../scripts/checks/lockfile";

/**
 * The lock check asks the real npm registry (the one `npm ci` installs from) to resolve the lock
 * again; each case edits a copy of this project's package.json or lock the way a mistake would.
 */
const repoRoot = path.resolve(import.meta.dirname, "../..");
const scratch: string[] = [];

async function projectCopy(edit: (pkg: Record<string, unknown>, lock: { packages: Record<string, unknown> }) => void): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "frame-picker-lock-test-"));
  scratch.push(dir);
  const pkg = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")) as Record<string, unknown>;
  const lock = JSON.parse(await readFile(path.join(repoRoot, "package-lock.json"), "utf8")) as { packages: Record<string, unknown> };
  edit(pkg, lock);
  await writeFile(path.join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  await writeFile(path.join(dir, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
  return dir;
}

afterEach(async () => {
  await Promise.all(scratch.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("the lock check", () => {
  it("fails a lock that lacks another platform's native build, naming it", async () => {
    const dir = await projectCopy((_, lock) => {
      delete lock.packages["node_modules/@next/swc-darwin-arm64"];
    });
    const problems = await checkLockfile(dir);
    expect(problems[0]).toMatch(/node_modules\/@next\/swc-darwin-arm64: missing from the lock/);
    expect(problems.at(-1)).toMatch(/npm install --package-lock-only/);
  }, 60_000);

  it("fails when package.json asks for a version the lock does not hold", async () => {
    const dir = await projectCopy((pkg) => {
      (pkg.dependencies as Record<string, string>)["zod"] = "4.0.0";
    });
    const problems = await checkLockfile(dir);
    expect(problems.join("\n")).toMatch(/node_modules\/zod: the lock has 4\.6\.7, package\.json resolves 4\.0\.0/);
  }, 60_000);

  it("fails when a package with an install script is neither allowed nor denied", async () => {
    const dir = await projectCopy((pkg) => {
      delete (pkg.allowScripts as Record<string, boolean>)["esbuild"];
    });
    expect(await checkLockfile(dir)).toContain("esbuild: has an install script that package.json's allowScripts neither allows nor denies");
  }, 60_000);

  it("passes this project's committed lock", async () => {
    expect(await checkLockfile(repoRoot)).toEqual([]);
  }, 60_000);
});
