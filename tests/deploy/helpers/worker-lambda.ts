import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/**
 * For the worker and migration Lambdas (tests/deploy/worker-*, migrate-*): runs the packaging CLI,
 * and runs the artefacts it makes the way Lambda would: unzipped into a folder
 * outside the repo (so nothing resolves from the repo's node_modules), imported by a fresh Node
 * process whose environment holds only what the test gives it and whose PATH is an empty folder
 * (Lambda has no ffmpeg on PATH).
 */

const run = promisify(execFile);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface CliResult {
  code: number;
  output: string;
}

/** `npm run build:worker -- <args>` (via tsx, as npm runs it), stdout and stderr together. */
export function runWorkerBuild(args: string[], env: Record<string, string> = {}, opts: { umask?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const build = [process.execPath, "--import", "tsx", "scripts/build/worker.ts", ...args];
    // Another umask creates every file with other permissions, as another machine's would.
    const [command, ...commandArgs] = opts.umask ? ["/bin/sh", "-c", `umask ${opts.umask} && exec "$@"`, "sh", ...build] : build;
    const child = spawn(command!, commandArgs, {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

export async function unzip(zip: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await run("unzip", ["-q", "-o", zip, "-d", dir]);
}

/** `zipinfo` lines (permissions, size, name) of a zip's entries. */
export async function zipListing(zip: string): Promise<string[]> {
  const { stdout } = await run("zipinfo", [zip], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.split("\n").filter((line) => /^[-dl]r/.test(line));
}

export type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

// Loads the handler module like the Lambda runtime does, then calls one export per event in order,
// in the same process (a warm container after the first). Results go to a file: stdout is the logs.
// Everything arrives on stdin, so process.argv is as bare as the Lambda runtime's.
const RUNNER = `
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const { file, name, out, events } = JSON.parse(readFileSync(0, "utf8"));
const mod = await import(pathToFileURL(file).href);
if (typeof mod[name] !== "function") throw new Error(name + " is not exported by " + file);
const results = [];
for (const event of events) {
  try { results.push({ ok: true, value: await mod[name](event) }); }
  catch (error) { results.push({ ok: false, error: error instanceof Error ? error.message : String(error) }); }
}
writeFileSync(out, JSON.stringify(results));
process.exit(0);
`;

export interface Invocation {
  results: Outcome[];
  /** Everything the function logged (stdout + stderr). */
  logs: string;
  /** Files the function left in its temp folder (TMPDIR, fresh and empty at the start), relative to it. */
  tempFiles: string[];
}

export async function invokeInFreshNode(
  handlerFile: string,
  exportName: string,
  events: unknown[],
  env: Record<string, string>,
): Promise<Invocation> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "fp-lambda-run-"));
  const emptyBin = path.join(scratch, "empty-path");
  await mkdir(emptyBin);
  const out = path.join(scratch, "results.json");
  try {
    const child = spawn(process.execPath, ["--input-type=module", "-e", RUNNER], {
      cwd: path.dirname(handlerFile),
      // NODE_ENV as the CDK app sets it on the functions (Lambda itself sets none).
      env: { NODE_ENV: "production", PATH: emptyBin, HOME: scratch, TMPDIR: scratch, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...env },
      stdio: ["pipe", "pipe", "pipe"],
      timeout: 170_000,
    });
    let logs = "";
    child.stdout.on("data", (chunk: Buffer) => (logs += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (logs += chunk.toString()));
    child.stdin.end(JSON.stringify({ file: handlerFile, name: exportName, out, events }));
    const code = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new Error(`the Lambda process exited with ${code}:\n${logs}`);
    const results = JSON.parse(await readFile(out, "utf8")) as Outcome[];
    const tempFiles = (await readdir(scratch, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(scratch, path.join(entry.parentPath, entry.name)))
      .filter((file) => file !== "results.json");
    return { results, logs, tempFiles };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
