import { spawn } from "node:child_process";
import { chmod, readdir, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";

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
 * must stay executable inside Lambda). Reproducible: the same files give the same bytes on any
 * machine, whatever order the file system lists them in, the umask that created them or when:
 * entries go in sorted by path, each with a fixed time and mode 755 or 644 (executable or not),
 * and no extra attributes or directory entries.
 */
export async function zipDirectory(dir: string, zipFile: string): Promise<number> {
  await rm(zipFile, { force: true });
  const files = (await filesUnder(dir)).map((file) => path.relative(dir, file)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const file of files) {
    const full = path.join(dir, file);
    await chmod(full, (await stat(full)).mode & 0o100 ? 0o755 : 0o644);
    await utimes(full, FIXED_TIME, FIXED_TIME);
  }
  await zipNamed(dir, path.resolve(zipFile), files);
  return (await stat(zipFile)).size;
}

/** `zip -@`: the entries, in this order, read from stdin. */
function zipNamed(cwd: string, zipFile: string, files: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("zip", ["-q", "-X", "-D", zipFile, "-@"], { cwd, stdio: ["pipe", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? new Error("the `zip` command is missing (Debian/Ubuntu: apt-get install -y zip; macOS has it)") : error),
    );
    child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`zip exited with ${code}: ${stderr.trim()}`))));
    child.stdin.end(`${files.join("\n")}\n`);
  });
}
