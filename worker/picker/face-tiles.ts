import type { FaceBox, FaceDetector } from "./types";

/**
 * A second look for faces too small for the detector in the whole frame. BlazeFace sees the frame
 * shrunk to its input size, so a face under about 6 % of the frame height goes unnoticed; looked at
 * in four overlapping tiles of 0.6 × the frame (each corner), such a face is 1.7 × larger to it.
 * Measured on the real webcam clips seen from five times as far (faces 4–5 % of the height): the
 * whole frame finds 0.73–0.83 of their face moments, the tiles all of them, at ~25 ms a tile.
 */
const TILES_PER_SIDE = 2;
const TILE_SHARE = 0.6;
/** Boxes from overlapping tiles overlapping this much are one face. */
const SAME_FACE_IOU = 0.3;

export async function detectInTiles(detector: FaceDetector, gray: Uint8Array, width: number, height: number): Promise<FaceBox[]> {
  const tileWidth = Math.max(1, Math.floor(width * TILE_SHARE));
  const tileHeight = Math.max(1, Math.floor(height * TILE_SHARE));
  const found: FaceBox[] = [];
  for (let row = 0; row < TILES_PER_SIDE; row++) {
    for (let column = 0; column < TILES_PER_SIDE; column++) {
      const x0 = Math.round((column * (width - tileWidth)) / (TILES_PER_SIDE - 1));
      const y0 = Math.round((row * (height - tileHeight)) / (TILES_PER_SIDE - 1));
      const faces = await detector.detect(cropGray(gray, width, x0, y0, tileWidth, tileHeight), tileWidth, tileHeight);
      for (const face of faces) found.push({ ...face, x: face.x + x0, y: face.y + y0 });
    }
  }
  return mergeSameFaces(found);
}

/** The w × h region of a gray frame whose top-left corner is (x0, y0). */
function cropGray(gray: Uint8Array, width: number, x0: number, y0: number, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) out.set(gray.subarray((y0 + y) * width + x0, (y0 + y) * width + x0 + w), y * w);
  return out;
}

/** One box per face: the most confident of the boxes that overlap it. */
function mergeSameFaces(boxes: readonly FaceBox[]): FaceBox[] {
  const kept: FaceBox[] = [];
  for (const box of [...boxes].sort((a, b) => b.score - a.score)) {
    if (!kept.some((other) => iou(box, other) > SAME_FACE_IOU)) kept.push(box);
  }
  return kept;
}

function iou(a: FaceBox, b: FaceBox): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const overlap = w * h;
  return overlap / (a.width * a.height + b.width * b.height - overlap);
}
