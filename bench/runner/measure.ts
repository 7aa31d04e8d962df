/**
 * Runs one command under GNU time: wall, CPU (user + system of the whole process tree, children
 * included once they are waited for) and peak RSS (the largest single process of the tree).
 */
import { spawnSync } from "node:child_process";
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
    const result = spawnSync(GNU_TIME, ["-f", "%e %U %S %M", "-o", report, command, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 256 * 1024 * 1024,
      encoding: "utf8",
    });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status}): ${result.stderr.slice(-1500)}`);
    // On failure GNU time adds a "Command exited…" line first; the figures are always the last line.
    const last = readFileSync(report, "utf8").trim().split("\n").at(-1) ?? "";
    const [wall, user, sys, maxRssKb] = last.split(/\s+/).map(Number);
    if ([wall, user, sys, maxRssKb].some((n) => n === undefined || !Number.isFinite(n))) throw new Error(`${label}: unreadable GNU time report "${last}"`);
    return { wallSec: wall!, cpuSec: user! + sys!, peakRssMb: maxRssKb! / 1024, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
