/** Running ffmpeg / ffprobe without blocking, and a small pool so two renders share the two cores. */
import { spawn } from "node:child_process";

/** Runs a command; resolves with its stdout, rejects with the tail of its stderr. */
export async function runTool(bin: string, args: readonly string[]): Promise<string> {
  return (await runToolRaw(bin, args)).toString("utf8");
}

/** runTool for binary output (raw video frames). */
export function runToolRaw(bin: string, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolvePromise(Buffer.concat(out));
      else reject(new Error(`${bin} exited with ${code}: ${Buffer.concat(err).toString("utf8").trim().slice(-800)}`));
    });
  });
}

/** Maps items through fn with at most `limit` running at once; results keep the input order. */
export async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
