import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG_PATH ?? "ffmpeg";

/** A fresh temp folder for one spec file's inputs. */
export function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `fp-e2e-${prefix}-`));
}

/** A real H.264 MP4 from ffmpeg's moving test pattern (different content every frame). */
export async function makeTestVideo(
  dir: string,
  name: string,
  opts: { seconds?: number; size?: string; /** x264 constant quantiser: lower makes bigger files. */ qp?: number } = {},
): Promise<string> {
  const file = path.join(dir, name);
  await run(FFMPEG, [
    "-v", "error", "-y",
    "-f", "lavfi", "-i", `testsrc2=size=${opts.size ?? "640x360"}:rate=30`,
    "-t", String(opts.seconds ?? 8),
    "-c:v", "libx264", "-pix_fmt", "yuv420p",
    ...(opts.qp !== undefined ? ["-preset", "ultrafast", "-qp", String(opts.qp)] : []),
    file,
  ]);
  return file;
}

/** A text file that only claims to be a video by its name. */
export async function makeFakeVideo(dir: string, name: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, "These are my holiday notes, not a video.\n".repeat(200));
  return file;
}
