import type { Defect } from "~/core/shortfall";

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
  /** How open the eyes of the face in `face` are (worker/faces/eyes.ts); null when no eyes are readable. */
  readEyes?(gray: Uint8Array, width: number, height: number, face: FaceBox): Promise<EyeOpenness | null>;
}

/** What the picker keeps of an eye reading. */
export interface EyeOpenness {
  /** 0 shut … 1 clearly open, on an absolute scale. */
  open: number;
  /** Lid gap over eye width: compared between moments of the same face, a blink shows as a dip. */
  ratio: number;
}

/** Per-metric scores in [0, 1], keyed sharpness, brightness, contrast, face, motion, composition. */
export type MetricBreakdown = Record<string, number>;

export interface ScoredFrame {
  score: number;
  metrics: MetricBreakdown;
  /** What makes this moment unfit to deliver (quality.ts `defectOf`); null when it is fit. */
  defect: Defect | null;
}

export interface FramePick extends ScoredFrame {
  timestampSec: number;
}

export type PickStage = "probing" | "sampling" | "scoring";
