import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { resolveFfmpeg } from "../../worker/media/binaries";

const run = promisify(execFile);

/**
 * Mean gray level of frame `n` of a file, decoded from the very start with no seeking: the true
 * picture of that frame by definition, what a render of its moment must match.
 */
export async function sequentialFrameMean(file: string, n: number): Promise<number> {
  const { stdout } = await run(resolveFfmpeg(), ["-v", "error", "-i", file, "-vf", `select=eq(n\\,${n})`, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"], {
    encoding: "buffer",
    maxBuffer: 1 << 24,
  });
  if (stdout.length === 0) throw new Error(`${file} has no frame ${n}`);
  return stdout.reduce((sum, v) => sum + v, 0) / stdout.length;
}
