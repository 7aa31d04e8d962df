import { spawn } from "node:child_process";

export interface ToolResult {
  exitCode: number | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs ffmpeg/ffprobe to completion and hands back what it printed. A non-zero exit is a result,
 * not an exception: callers turn it into a message that fits. Output is capped because a broken
 * file must not make a tool print gigabytes into our memory.
 */
export function runTool(
  binary: string,
  args: string[],
  opts: { signal?: AbortSignal; maxStdoutBytes?: number } = {},
): Promise<ToolResult> {
  const maxStdout = opts.maxStdoutBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    opts.signal?.throwIfAborted();
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], signal: opts.signal });
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
    child.on("error", (error) => reject(opts.signal?.aborted ? opts.signal.reason : error));
    child.on("close", (exitCode) => {
      if (opts.signal?.aborted) return reject(opts.signal.reason);
      resolve({ exitCode, stdout: Buffer.concat(chunks), stderr });
    });
  });
}

/** The last `maxChars` characters, cut at a line start when possible (the end is where the reason is). */
export function tail(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(-maxChars);
  const newline = cut.indexOf("\n");
  return newline >= 0 && newline < cut.length - 1 ? cut.slice(newline + 1) : cut;
}
