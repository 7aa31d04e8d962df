/**
 * Contact sheets: a grid of a video's frames, each stamped with its time, as one JPEG. The labels
 * of every real clip sit next to its sheet (bench/real/labels/), so anyone can check them; the
 * benchmark also writes one of each preset's picks (bench/out/real/), to look at as a user would.
 *
 *   npx tsx bench/real/contact-sheet.ts <clip-id|all> [--rate N] [--crop w:h:x:y]
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveFfmpeg, resolveFfprobe } from "~/worker/media/binaries";
import { textFontFile } from "~/worker/media/text-image";
import { runTool } from "../synth/exec";
import { LABELS_DIR } from "./labels";
import { ensureRealClips, realClipFile } from "./sources";

const TILE_WIDTH = 240;
const COLUMNS = 8;
const MAX_TILES = 96;

/** Escapes a path for an ffmpeg filter option value. */
const filterPath = (path: string) => path.replace(/\\/g, "\\\\").replace(/:/g, "\\:").replace(/'/g, "\\'");

function stamp(text: string): string {
  const font = textFontFile();
  return `drawtext=${font ? `fontfile='${filterPath(font)}':` : ""}text='${text}':x=3:y=3:fontsize=13:fontcolor=yellow:box=1:boxcolor=black@0.65`;
}

export async function durationOf(file: string): Promise<number> {
  const out = await runTool(resolveFfprobe(), ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file]);
  return Number(out.trim());
}

/** A sheet of `file` sampled `rate` times a second (enough to fill MAX_TILES when not given), optionally of one region. */
export async function videoSheet(file: string, out: string, opts: { rate?: number; crop?: string } = {}): Promise<void> {
  const duration = await durationOf(file);
  const rate = opts.rate ?? Math.min(30, MAX_TILES / Math.max(duration, 0.1));
  const rows = Math.ceil(Math.min(MAX_TILES, Math.ceil(duration * rate) + 1) / COLUMNS);
  const filters = [`fps=${rate.toFixed(4)}:round=down`, ...(opts.crop ? [`crop=${opts.crop}`] : []), `scale=${TILE_WIDTH}:-2`, stamp("%{pts\\:hms}"), `tile=${COLUMNS}x${rows}`];
  await runTool(resolveFfmpeg(), ["-nostdin", "-v", "error", "-y", "-i", file, "-vf", filters.join(","), "-frames:v", "1", "-q:v", "4", out]);
}

/** A sheet of still images (the delivered picks), each captioned, in one row per picker run. */
export async function imagesSheet(images: ReadonlyArray<{ file: string; caption: string }>, out: string): Promise<void> {
  if (images.length === 0) return;
  const inputs = images.flatMap((i) => ["-i", i.file]);
  const tiles = images.map((image, i) => `[${i}:v]scale=${TILE_WIDTH}:${Math.round((TILE_WIDTH * 3) / 4)}:force_original_aspect_ratio=decrease,pad=${TILE_WIDTH}:${Math.round((TILE_WIDTH * 3) / 4)}:-1:-1,${stamp(image.caption.replace(/[':\\]/g, " "))}[t${i}]`);
  const columns = Math.min(COLUMNS, images.length);
  const rows = Math.ceil(images.length / columns);
  const layout = images.map((_, i) => `${(i % columns) * TILE_WIDTH}_${Math.floor(i / columns) * Math.round((TILE_WIDTH * 3) / 4)}`).join("|");
  const graph = `${tiles.join(";")};${images.map((_, i) => `[t${i}]`).join("")}xstack=inputs=${images.length}:layout=${layout}:fill=black${rows > 0 ? "" : ""}`;
  await runTool(resolveFfmpeg(), ["-nostdin", "-v", "error", "-y", ...inputs, "-filter_complex", images.length === 1 ? tiles[0]!.replace(/\[t0\]$/, "") : graph, "-frames:v", "1", "-q:v", "4", out]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [which = "all", ...rest] = process.argv.slice(2);
  const option = (name: string) => {
    const at = rest.indexOf(name);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const rate = option("--rate");
  const crop = option("--crop");
  const clips = (await ensureRealClips((line) => console.error(line))).filter((c) => which === "all" || c.id === which);
  if (clips.length === 0) throw new Error(`no clip ${which}`);
  for (const clip of clips) {
    const out = join(LABELS_DIR, `${clip.id}${crop ? "-detail" : ""}.jpg`);
    await videoSheet(realClipFile(clip), out, { ...(rate ? { rate: Number(rate) } : {}), ...(crop ? { crop } : {}) });
    console.log(out);
  }
}
