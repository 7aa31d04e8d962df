import type { FaceBox, FaceDetector } from "./types";

export interface FaceCheckTarget {
  timestampSec: number;
  /** Filled in when the detector has looked at this sample; null = never checked. */
  faces: FaceBox[] | null;
}

interface Candidate {
  target: FaceCheckTarget;
  gray: Uint8Array;
  rank: number;
}

/**
 * Runs face detection only on promising samples. Time is cut into windows at least one pick
 * interval long (longer for long videos, so at most about `maxChecks` detector calls per video);
 * in each window the `perWindow` samples with the best score WITHOUT the face term are kept, with
 * their pixels, and handed to the detector once the window is over. At most one window is being
 * collected and one being detected at a time, so memory is bounded whatever the video length,
 * and detection overlaps with ffmpeg decoding the next window. Samples never checked keep
 * `faces: null` and are scored as "no face" (the face term's floor).
 */
export class FaceCandidates {
  private readonly perWindow: number;
  private readonly windowSec: number;
  private window = -1;
  private collecting: Candidate[] = [];
  private detecting: Promise<void> = Promise.resolve();

  constructor(
    private readonly detector: FaceDetector,
    private readonly width: number,
    private readonly height: number,
    opts: { durationSec: number; minIntervalSec: number; perWindow: number; maxChecks: number },
  ) {
    this.perWindow = Math.max(1, opts.perWindow);
    this.windowSec = Math.max(opts.minIntervalSec, (opts.durationSec * this.perWindow) / Math.max(1, opts.maxChecks));
  }

  /** Offers a sample; `rank` is its score without faces (higher = more promising). */
  async offer(target: FaceCheckTarget, gray: Uint8Array, rank: number): Promise<void> {
    const window = Math.floor(target.timestampSec / this.windowSec);
    if (window !== this.window) {
      await this.closeWindow();
      this.window = window;
    }
    this.collecting.push({ target, gray, rank });
    this.collecting.sort((a, b) => b.rank - a.rank || a.target.timestampSec - b.target.timestampSec);
    if (this.collecting.length > this.perWindow) this.collecting.pop();
  }

  /** Detects the last window and waits for every detection to finish. */
  async finish(): Promise<void> {
    await this.closeWindow();
    await this.detecting;
  }

  private async closeWindow(): Promise<void> {
    const batch = this.collecting;
    this.collecting = [];
    if (batch.length === 0) return;
    await this.detecting; // never more than one window in the detector
    this.detecting = (async () => {
      for (const candidate of batch) {
        candidate.target.faces = await this.detector.detect(candidate.gray, this.width, this.height);
      }
    })();
    // Surface a detector failure at the next await instead of as an unhandled rejection.
    this.detecting.catch(() => undefined);
  }
}
