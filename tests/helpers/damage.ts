import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import sharp from "sharp";
import { resolveFfmpeg } from "../../worker/media/binaries";

const run = promisify(execFile);

/** Boxes that hold other boxes on the way from the file to a track's sample table. */
const CONTAINER_BOXES = new Set(["moov", "trak", "mdia", "minf", "stbl"]);

interface Box {
  offset: number;
  size: number;
  type: string;
  /** Offsets of the boxes it sits in, outermost first. */
  parents: number[];
}

function boxes(data: Buffer, start: number, end: number, parents: number[] = []): Box[] {
  const found: Box[] = [];
  for (let offset = start; offset + 8 <= end; ) {
    const size = data.readUInt32BE(offset);
    const type = data.toString("latin1", offset + 4, offset + 8);
    if (size < 8) break;
    found.push({ offset, size, type, parents });
    if (CONTAINER_BOXES.has(type)) found.push(...boxes(data, offset + 8, offset + size, [...parents, offset]));
    offset += size;
  }
  return found;
}

/**
 * Rewrites an MP4's sync-sample table (stss) so every `every`-th frame is called a keyframe,
 * though most of them are predicted frames: a seek then lands where decoding cannot start, as in
 * files from some recorders and editors. The index must be at the end (makeVideo's default), so
 * the grown table moves no media data.
 */
export async function withFakeSyncSamples(file: string, every: number, target = file.replace(/(\.[^./]+)$/, "-fake-sync$1")): Promise<string> {
  const data = await readFile(file);
  const all = boxes(data, 0, data.length);
  const stsz = all.find((b) => b.type === "stsz");
  const stss = all.find((b) => b.type === "stss");
  const mdat = all.find((b) => b.type === "mdat");
  if (!stsz || !stss || !mdat || stss.offset < mdat.offset) throw new Error(`${file}: needs one video track with stss and the index after the media data`);
  const samples = data.readUInt32BE(stsz.offset + 16);
  const listed = Array.from({ length: data.readUInt32BE(stss.offset + 12) }, (_, i) => data.readUInt32BE(stss.offset + 16 + 4 * i));
  const entries = [...new Set([...listed, ...Array.from({ length: Math.ceil(samples / every) }, (_, i) => 1 + i * every)])].sort((a, b) => a - b);
  const table = Buffer.alloc(16 + 4 * entries.length);
  table.writeUInt32BE(table.length, 0);
  table.write("stss", 4, "latin1");
  data.copy(table, 8, stss.offset + 8, stss.offset + 12); // version and flags
  table.writeUInt32BE(entries.length, 12);
  entries.forEach((entry, i) => table.writeUInt32BE(entry, 16 + 4 * i));
  const grow = table.length - stss.size;
  const out = Buffer.concat([data.subarray(0, stss.offset), table, data.subarray(stss.offset + stss.size)]);
  for (const parent of stss.parents) out.writeUInt32BE(out.readUInt32BE(parent) + grow, parent);
  await writeFile(target, out);
  return target;
}

/**
 * Overwrites `bytes` bytes at each of the given fractions of the file with fixed pseudo-random
 * data: picture data damaged in place, as on a failing card or a bad transfer.
 */
export async function withDamagedData(file: string, fractions: number[], bytes = 3000, target = file.replace(/(\.[^./]+)$/, "-damaged$1")): Promise<string> {
  const data = Buffer.from(await readFile(file));
  let state = 12345;
  for (const fraction of fractions) {
    const at = Math.floor(data.length * fraction);
    for (let i = at; i < Math.min(data.length, at + bytes); i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      data[i] = state >>> 24;
    }
  }
  await writeFile(target, data);
  return target;
}

/** Gray frame at `timestampSec` from decoding the whole video from its start: the true picture. */
export async function sequentialGray(file: string, timestampSec: number, width: number, height: number): Promise<Uint8Array> {
  const { stdout } = await run(
    resolveFfmpeg(),
    ["-nostdin", "-v", "error", "-i", file, "-map", "0:V:0", "-vf", `select='gte(t,${(timestampSec - 0.001).toFixed(6)})',scale=${width}:${height}:flags=area,format=gray`, "-frames:v", "1", "-f", "rawvideo", "pipe:1"],
    { encoding: "buffer", maxBuffer: width * height * 4 },
  );
  if (stdout.length !== width * height) throw new Error(`no frame at ${timestampSec} s in ${file}`);
  return new Uint8Array(stdout);
}

/** Gray frame at `timestampSec` as a plain seek gives it: decoding starts at the keyframe the index names before it. */
export async function seekedGray(file: string, timestampSec: number, width: number, height: number): Promise<Uint8Array> {
  const { stdout } = await run(
    resolveFfmpeg(),
    ["-nostdin", "-v", "quiet", "-ss", timestampSec.toFixed(6), "-i", file, "-map", "0:V:0", "-vf", `scale=${width}:${height}:flags=area,format=gray`, "-frames:v", "1", "-f", "rawvideo", "pipe:1"],
    { encoding: "buffer", maxBuffer: width * height * 4 },
  );
  return new Uint8Array(stdout);
}

/** An image file's gray pixels at the given size, shrunk by ffmpeg exactly as sequentialGray shrinks. */
export async function imageGray(image: Buffer, width: number, height: number): Promise<Uint8Array> {
  const png = await sharp(image).png().toBuffer();
  const child = run(resolveFfmpeg(), ["-nostdin", "-v", "error", "-f", "png_pipe", "-i", "pipe:0", "-vf", `scale=${width}:${height}:flags=area,format=gray`, "-f", "rawvideo", "pipe:1"], {
    encoding: "buffer",
    maxBuffer: width * height * 4,
  });
  child.child.stdin?.end(png);
  return new Uint8Array((await child).stdout);
}
