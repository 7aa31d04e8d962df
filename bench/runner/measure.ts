/**
 * Runs one command under GNU time: wall, CPU (user + system of the whole process tree, children
 * included once they are waited for) and peak RSS (the largest single process of the tree).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const GNU_TIME = "/usr/bin/time";

export interface ProcessMeasurement {
  wallSec: number;
  cpuSec: number;
  peakRssMb: number;
  stdout: string;
  stderr: string;
}

export function assertGnuTime(): void {
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} not found: the benchmark needs GNU time (Debian: apt-get install -y time).`);
}

/** Children run from the repository root, so tsx finds tsconfig.json (the "~/" paths). */
const ROOT = join(import.meta.dirname, "..", "..");

export function measureProcess(label: string, command: string, args: readonly string[]): ProcessMeasurement {
  // A private report file: GNU time writes its line there, so the command's stderr stays its own.
  const dir = mkdtempSync(join(tmpdir(), "bench-time-"));
  const report = join(dir, "time.txt");
  try {
    const result = spawnSync(GNU_TIME, ["-f", TIME_FORMAT, "-o", report, command, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 256 * 1024 * 1024,
      encoding: "utf8",
    });
    if (result.error) throw result.error;
    return measurementOf(label, result.status, result.stdout, result.stderr, report);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same, without blocking this process: for a child that talks to a server running in this
 * very process (the end-to-end section's S3 + SQS stand-in).
 */
export async function measureProcessAsync(label: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ProcessMeasurement> {
  const dir = mkdtempSync(join(tmpdir(), "bench-time-"));
  const report = join(dir, "time.txt");
  try {
    const child = spawn(GNU_TIME, ["-f", TIME_FORMAT, "-o", report, command, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    const status = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
    return measurementOf(label, status, Buffer.concat(out).toString("utf8"), Buffer.concat(err).toString("utf8"), report);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TIME_FORMAT = "%e %U %S %M";

function measurementOf(label: string, status: number | null, stdout: string, stderr: string, report: string): ProcessMeasurement {
  if (status !== 0) throw new Error(`${label} failed (exit ${status}): ${stderr.slice(-1500)}`);
  // On failure GNU time adds a "Command exited…" line first; the figures are always the last line.
  const last = readFileSync(report, "utf8").trim().split("\n").at(-1) ?? "";
  const [wall, user, sys, maxRssKb] = last.split(/\s+/).map(Number);
  if ([wall, user, sys, maxRssKb].some((n) => n === undefined || !Number.isFinite(n))) throw new Error(`${label}: unreadable GNU time report "${last}"`);
  return { wallSec: wall!, cpuSec: user! + sys!, peakRssMb: maxRssKb! / 1024, stdout, stderr };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
