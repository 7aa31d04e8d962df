import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";

/**
 * The whole environment ffmpeg and ffprobe get: they need none of ours (database URL, keys), and a
 * fixed locale keeps their numbers printed with a decimal point. (NODE_ENV only because Next's
 * types require it of every environment; ffmpeg ignores it.)
 */
export const TOOL_ENV: NodeJS.ProcessEnv = { NODE_ENV: process.env.NODE_ENV, PATH: "/usr/local/bin:/usr/bin:/bin", LC_ALL: "C" };

/** A tool still running after this long is killed, whatever it is doing (the job's watchdog usually acts first). */
export const TOOL_TIMEOUT_SEC = 600;

/** Starts ffmpeg or ffprobe with TOOL_ENV, stdin closed and both outputs piped; `signal` kills it. */
export function spawnTool(binary: string, args: string[], signal?: AbortSignal): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], env: TOOL_ENV, ...(signal ? { signal } : {}) });
}

export class ToolTimedOut extends Error {
  constructor(binary: string, seconds: number) {
    super(`${binary} was still running after ${seconds} s and was killed`);
    this.name = "ToolTimedOut";
  }
}

export interface ToolResult {
  exitCode: number | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs ffmpeg/ffprobe to completion and hands back what it printed. A non-zero exit is a result,
 * not an exception: callers turn it into a message that fits. Output is capped because a broken
 * file must not make a tool print gigabytes into our memory. The child is killed when `signal`
 * aborts or after `timeoutSec`, whichever comes first.
 */
export function runTool(
  binary: string,
  args: string[],
  opts: { signal?: AbortSignal; maxStdoutBytes?: number; timeoutSec?: number } = {},
): Promise<ToolResult> {
  const maxStdout = opts.maxStdoutBytes ?? 64 * 1024 * 1024;
  const timeoutSec = opts.timeoutSec ?? TOOL_TIMEOUT_SEC;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new ToolTimedOut(binary, timeoutSec)), timeoutSec * 1000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout.signal]) : timeout.signal;
  return new Promise<ToolResult>((resolve, reject) => {
    signal.throwIfAborted();
    const child = spawnTool(binary, args, signal);
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) child.kill("SIGKILL");
      else chunks.push(chunk);
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      stderr = tail(stderr + text, 16_384);
    });
    child.on("error", (error) => reject(signal.aborted ? signal.reason : error));
    child.on("close", (exitCode) => {
      if (signal.aborted) return reject(signal.reason);
      resolve({ exitCode, stdout: Buffer.concat(chunks), stderr });
    });
  }).finally(() => clearTimeout(timer));
}

/** The last `maxChars` characters, cut at a line start when possible (the end is where the reason is). */
export function tail(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(-maxChars);
  const newline = cut.indexOf("\n");
  return newline >= 0 && newline < cut.length - 1 ? cut.slice(newline + 1) : cut;
}
