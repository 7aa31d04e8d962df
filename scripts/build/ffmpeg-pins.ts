/**
 * The ffmpeg and ffprobe builds the worker ships, pinned in one file (ffmpeg-pins.json): the
 * release, and the SHA-256 of each unpacked binary per platform. A download (or a cached copy)
 * whose hash differs is refused, so what ships is exactly what was checked once. A pin left null
 * has not been recorded yet: the build refuses it too, printing the hash it got, until someone
 * who can compare it with the release records it (`--record-ffmpeg-pins`) and commits the file.
 * FFMPEG_PINS_FILE points elsewhere (the tests' own pins, for their stand-in binaries).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const FFMPEG_TOOLS = ["ffmpeg", "ffprobe"] as const;
export type FfmpegTool = (typeof FFMPEG_TOOLS)[number];

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const pinsSchema = z.object({
  release: z.string().regex(/^b[\w.-]+$/),
  sha256: z.record(z.string(), z.object({ ffmpeg: sha256Hex.nullable(), ffprobe: sha256Hex.nullable() })),
});
export type FfmpegPins = z.infer<typeof pinsSchema>;

export const DEFAULT_PINS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "ffmpeg-pins.json");

export function pinsFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.FFMPEG_PINS_FILE || DEFAULT_PINS_FILE;
}

export async function loadPins(file: string): Promise<FfmpegPins> {
  const parsed = pinsSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success) throw new Error(`${file} is not a valid ffmpeg pins file: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

/**
 * Checks ffmpeg and ffprobe in `dir` against `pins` (read from `file`) for `platform` (e.g.
 * linux-arm64). With `record`, unrecorded pins are written into `file`; a recorded pin is never
 * overwritten.
 * Throws the message the build shows.
 */
export async function verifyPinned(dir: string, platform: string, { file, pins }: { file: string; pins: FfmpegPins }, opts: { record: boolean }): Promise<void> {
  const expected = pins.sha256[platform];
  if (!expected) throw new Error(`${file} pins no ffmpeg for ${platform}: add "${platform}": { "ffmpeg": null, "ffprobe": null } and record it`);
  const unrecorded: string[] = [];
  for (const tool of FFMPEG_TOOLS) {
    const actual = await sha256File(path.join(dir, tool));
    const pinned = expected[tool];
    if (pinned === null) {
      if (opts.record) expected[tool] = actual;
      else unrecorded.push(`${tool} ${actual}`);
    } else if (pinned !== actual) {
      throw new Error(
        `${tool} for ${platform} (release ${pins.release}) has SHA-256 ${actual}, but ${file} pins ${pinned}: this is not the build that was checked, so it is refused. ` +
          `If the release was replaced on purpose, compare the new binary with its source and update the pin.`,
      );
    }
  }
  if (unrecorded.length > 0) {
    throw new Error(
      `ffmpeg for ${platform} (release ${pins.release}) is not pinned yet in ${file}; the download has SHA-256 ${unrecorded.join(", ")}. ` +
        `Compare them with the release, then record them with \`npm run build:worker -- --arch <arch> --record-ffmpeg-pins\` and commit the file.`,
    );
  }
  if (opts.record) await writeFile(file, `${JSON.stringify(pins, null, 2)}\n`);
}
