import { execFile } from "node:child_process";
import { readdir, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Lambda's hard limit on a function's code (with layers), unzipped: 250 MB as AWS counts it. */
export const LAMBDA_UNZIPPED_LIMIT = 250 * 1024 * 1024;

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(file)));
    else out.push(file);
  }
  return out;
}

/** Total bytes of the files under `dir` (what Lambda counts against the unzipped limit). */
export async function directorySize(dir: string): Promise<number> {
  let total = 0;
  for (const file of await filesUnder(dir)) total += (await stat(file)).size;
  return total;
}

/** A fixed timestamp for every entry, so the same inputs give a byte-identical zip (and CDK asset hash). */
const FIXED_TIME = new Date("2020-01-01T00:00:00Z");

/**
 * Zips `dir` into `zipFile` with the Info-ZIP `zip` command, which keeps Unix permissions (bin/ffmpeg
 * must stay executable inside Lambda).
 */
export async function zipDirectory(dir: string, zipFile: string): Promise<number> {
  await rm(zipFile, { force: true });
  const files = await filesUnder(dir);
  for (const file of files) await utimes(file, FIXED_TIME, FIXED_TIME);
  try {
    await run("zip", ["-q", "-r", "-X", "-D", path.resolve(zipFile), "."], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error("the `zip` command is missing (Debian/Ubuntu: apt-get install -y zip; macOS has it)");
    }
    throw error;
  }
  return (await stat(zipFile)).size;
}
