/**
 * What the eye-openness check costs and how well it separates a blink from open eyes.
 *   npx tsx bench/eyes-cost.mts [--scales 1,2,4] [--no-photos]
 * Decodes every frame of the labelled webcam clip with a blink (fetched by ensureRealClips), finds
 * the face with the worker's detector at native size, then reads the eyes on the frame rendered at
 * each scale. Also reads a few faces from the photographs inside @vladmandic/human.
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { readFileSync } from "node:fs";
import sharp from "sharp";
import { createFaceDetector, type FaceBox } from "../worker/faces/detector";
import { createEyeChecker, type EyeReading } from "../worker/faces/eyes";
import { resolveFfmpeg } from "../worker/media/binaries";
import { ensureRealClips, realClipFile } from "./real/sources";

const args = process.argv.slice(2);
const scales = (args[args.indexOf("--scales") + 1] && args.includes("--scales") ? args[args.indexOf("--scales") + 1]! : "1,2,4").split(",").map(Number);
const photos = !args.includes("--no-photos");

const CLIP_ID = "webcam-face-kphotoalbum";
const WARM_UP = 3;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const rss = () => process.memoryUsage().rss;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
};

interface Labels {
  ranges: { from: number; to: number; label: string; reason?: string }[];
}

const clip = (await ensureRealClips(() => undefined)).find((c) => c.id === CLIP_ID);
if (!clip) throw new Error(`no clip ${CLIP_ID}`);
const file = realClipFile(clip);
const labels = JSON.parse(readFileSync(path.join(import.meta.dirname, "real", "labels", `${CLIP_ID}.json`), "utf8")) as Labels;
const blink = labels.ranges.find((r) => r.reason === "eyes closed");
if (!blink) throw new Error("labels have no blink");

const probe = JSON.parse(
  execFileSync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,r_frame_rate", "-of", "json", file], { encoding: "utf8" }),
) as { streams: { width: number; height: number; r_frame_rate: string }[] };
const stream = probe.streams[0]!;
const [num, den] = stream.r_frame_rate.split("/").map(Number) as [number, number];
const fps = num / den;

function decode(scale: number): { frames: Uint8Array[]; width: number; height: number } {
  const width = stream.width * scale;
  const height = stream.height * scale;
  const raw = execFileSync(resolveFfmpeg(), [
    "-nostdin", "-v", "error", "-i", file,
    ...(scale === 1 ? [] : ["-vf", `scale=${width}:${height}:flags=lanczos`]),
    "-f", "rawvideo", "-pix_fmt", "rgb24", "-",
  ], { maxBuffer: 2 ** 30 });
  const size = width * height * 3;
  const frames: Uint8Array[] = [];
  for (let at = 0; at + size <= raw.length; at += size) frames.push(new Uint8Array(raw.buffer, raw.byteOffset + at, size));
  return { frames, width, height };
}

function toGray(rgb: Uint8Array): Uint8Array {
  const gray = new Uint8Array(rgb.length / 3);
  for (let i = 0; i < gray.length; i++) gray[i] = Math.round(0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!);
  return gray;
}

const rssStart = rss();
let t = performance.now();
const detector = await createFaceDetector();
const detectorMs = performance.now() - t;
const rssDetector = rss();
t = performance.now();
const checker = await createEyeChecker();
const eyesLoadMs = performance.now() - t;
const rssLoaded = rss();
console.log(`load: detector ${detectorMs.toFixed(0)} ms (RSS ${mb(rssStart)} → ${mb(rssDetector)}), facemesh + iris ${eyesLoadMs.toFixed(0)} ms (RSS → ${mb(rssLoaded)})`);

const native = decode(1);
const boxes: (FaceBox | undefined)[] = [];
for (const rgb of native.frames) {
  const faces = await detector.detect(toGray(rgb), native.width, native.height);
  boxes.push(faces.sort((a, b) => b.width * b.height - a.width * a.height)[0]);
}
console.log(`${native.frames.length} frames at ${fps.toFixed(2)} fps, face found in ${boxes.filter(Boolean).length}`);

const fmt = (r: EyeReading | null | undefined) =>
  r ? `${r.left.openness.toFixed(2)}/${r.right.openness.toFixed(2)} open ${r.open.toFixed(2)} fr ${r.frontal.toFixed(2)} gz ${r.gaze.toFixed(2)}` : "—";

const readings = new Map<number, (EyeReading | null)[]>();
for (const scale of scales) {
  const { frames, width, height } = scale === 1 ? native : decode(scale);
  const times: number[] = [];
  const out: (EyeReading | null)[] = [];
  for (const [i, rgb] of frames.entries()) {
    const box = boxes[i];
    if (!box) {
      out.push(null);
      continue;
    }
    const scaled = { ...box, x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale };
    const start = performance.now();
    out.push(await checker.check(rgb, width, height, scaled));
    if (i >= WARM_UP) times.push(performance.now() - start);
  }
  readings.set(scale, out);
  const face = boxes.find(Boolean);
  console.log(
    `scale ${scale} (${width}×${height}, face ~${face ? Math.round(face.height * scale) : "?"} px): check median ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms, RSS ${mb(rss())}`,
  );
}

console.log("\n  t (s)  label  " + scales.map((s) => `scale ${s}: left/right openness, open, frontal, gaze`.padEnd(52)).join(""));
for (let i = 0; i < native.frames.length; i++) {
  const time = i / fps;
  const closed = time >= blink.from && time < blink.to;
  console.log(`  ${time.toFixed(3)}  ${closed ? "BLINK" : "open "}  ${scales.map((s) => fmt(readings.get(s)?.[i]).padEnd(52)).join("")}`);
}

// Frames next to the labelled range are mid-closing: kept out of both groups.
const EDGE = 1 / fps + 0.001;
for (const scale of scales) {
  const rows = readings.get(scale) ?? [];
  const value = (r: EyeReading | null | undefined) => (r ? (r.left.openness * r.left.width + r.right.openness * r.right.width) / (r.left.width + r.right.width) : NaN);
  const shut = rows.filter((r, i) => r && i / fps >= blink.from && i / fps < blink.to).map(value);
  const open = rows.filter((r, i) => r && (i / fps < blink.from - EDGE || i / fps >= blink.to + EDGE)).map(value);
  const nulls = rows.filter((r, i) => !r && boxes[i]).length;
  console.log(
    `scale ${scale}: open frames ${Math.min(...open).toFixed(3)}–${Math.max(...open).toFixed(3)} (n=${open.length}, p5 ${percentile(open, 0.05).toFixed(3)}), ` +
      `blink ${Math.min(...shut).toFixed(3)}–${Math.max(...shut).toFixed(3)} (n=${shut.length}), gap ${(Math.min(...open) - Math.max(...shut)).toFixed(3)}, no mesh ${nulls}`,
  );
}

// A 4K-sized frame (the clip upscaled 24×, face ~1300 px): the crop keeps the cost of a check flat.
{
  const scale = 24;
  for (const frame of [0, Math.round(((blink.from + blink.to) / 2) * fps)]) {
    const width = stream.width * scale;
    const height = stream.height * scale;
    const rgb = new Uint8Array(execFileSync(resolveFfmpeg(), [
      "-nostdin", "-v", "error", "-i", file,
      "-vf", `select=eq(n\\,${frame}),scale=${width}:${height}:flags=bicubic`, "-frames:v", "1",
      "-f", "rawvideo", "-pix_fmt", "rgb24", "-",
    ], { maxBuffer: 2 ** 30 }));
    const box = boxes[frame]!;
    const scaled = { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale, score: box.score };
    const times: number[] = [];
    let reading: EyeReading | null = null;
    for (let i = 0; i < 8; i++) {
      const start = performance.now();
      reading = await checker.check(rgb, width, height, scaled);
      times.push(performance.now() - start);
    }
    console.log(`${width}×${height}, frame ${frame} (${(frame / fps).toFixed(3)} s): ${fmt(reading)}, check median ${percentile(times.slice(2), 0.5).toFixed(1)} ms`);
  }
}

if (photos) {
  const require = createRequire(import.meta.url);
  const assets = path.join(path.dirname(require.resolve("@vladmandic/human")), "..", "assets");
  const cases = [
    { name: "faceid portrait (webcam, 138×140)", file: "screenshot-faceid.jpg", crop: { left: 16, top: 141, width: 138, height: 140 } },
    { name: "facematch selected face (large)", file: "screenshot-facematch.jpg", crop: { left: 0, top: 30, width: 200, height: 170 } },
    // Tiles of the face-match grid (107 px apart, rows at y 390 and 508).
    ...[
      [0, 0, "man, eyes open"],
      [1, 0, "sunglasses"],
      [2, 0, "man looking down, lids nearly shut"],
      [5, 0, "man, eyes open"],
      [6, 0, "woman, eyes open"],
      [0, 1, "sunglasses"],
      [3, 1, "woman smiling, eyes narrowed"],
    ].map(([col, row, what]) => ({
      name: `facematch tile ${col},${row}: ${what}`,
      file: "screenshot-facematch.jpg",
      crop: { left: Number(col) * 107, top: 390 + Number(row) * 118, width: 107, height: 112 },
    })),
  ];
  for (const c of cases) {
    const { data, info } = await sharp(path.join(assets, c.file)).extract(c.crop).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const rgb = new Uint8Array(data);
    const faces = await detector.detect(toGray(rgb), info.width, info.height);
    console.log(`\n${c.name}: ${faces.length} face(s)`);
    for (const face of faces.sort((a, b) => a.x - b.x)) {
      const start = performance.now();
      const reading = await checker.check(rgb, info.width, info.height, face);
      console.log(`  face at x ${Math.round(face.x)} y ${Math.round(face.y)}, ${Math.round(face.width)}×${Math.round(face.height)} px: ${fmt(reading)} (${(performance.now() - start).toFixed(0)} ms)`);
    }
  }
}

checker.dispose();
console.log(`\nRSS at end ${mb(rss())} (start ${mb(rssStart)})`);
