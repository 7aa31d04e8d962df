/** A face found in an image, in pixels of the image given to the detector. */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Detector confidence, 0–1. */
  score: number;
}

/**
 * What the picker needs from a face detector (worker/faces/detector.ts provides one). Called
 * with gray analysis frames (one byte per pixel, row-major), a bounded number of times per video.
 */
export interface FaceDetector {
  detect(gray: Uint8Array, width: number, height: number): Promise<FaceBox[]>;
}

/** Per-metric scores in [0, 1], keyed sharpness, brightness, contrast, face, motion, composition. */
export type MetricBreakdown = Record<string, number>;

export interface ScoredFrame {
  score: number;
  metrics: MetricBreakdown;
}

export interface FramePick extends ScoredFrame {
  timestampSec: number;
}

export type PickStage = "probing" | "sampling" | "scoring";
