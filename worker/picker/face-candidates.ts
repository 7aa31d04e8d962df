import { isNearDuplicate } from "./distinct";
import { detectInTiles } from "./face-tiles";
import type { PerceptualHash } from "./perceptual-hash";
import type { EyeOpenness, FaceBox, FaceDetector } from "./types";

/** A window that keeps showing the same picture still closes after this many minimum lengths. */
const MAX_WINDOW_FACTOR = 3;
/** Samples ranked this low (black, blown out, flat) are never worth a detector call. */
const MIN_RANK = 0.01;

export interface FaceCheckTarget {
  timestampSec: number;
  /** Filled in when the detector has looked at this sample; null = never checked. */
  faces: FaceBox[] | null;
  /** The largest face's eyes, read on this very sample; null = not read (a look-alike's faces say nothing of a blink). */
  eyes: EyeOpenness | null;
}

interface Candidate {
  target: FaceCheckTarget;
  gray: Uint8Array;
  rank: number;
  hash: PerceptualHash;
}

/**
 * Runs face detection only on promising samples. Time is cut into windows that follow the video's
 * shots: a window closes once it is at least `minWindowSec` long and the picture has changed
 * (perceptual hash) since it opened, or when it reaches three times that. Each window hands its
 * `perWindow` best samples (by score WITHOUT the face term) to the detector, so every distinct shot
 * gets looked at, and windows are never shorter than the video's length × perWindow / maxChecks,
 * which bounds the detector calls. Unusable samples (rank ≈ 0: black, blown out) are not offered
 * to it. At most one window is being collected and one detected at a time, so memory is bounded
 * whatever the video length, and detection overlaps with ffmpeg decoding the next window. Samples
 * never checked keep `faces: null`.
 */
export class FaceCandidates {
  private readonly perWindow: number;
  private readonly minWindowSec: number;
  private windowStart: { timestampSec: number; hash: PerceptualHash } | null = null;
  private collecting: Candidate[] = [];
  /** Every sample of the open window (no pixels): the ones showing a checked picture share its answer. */
  private members: Array<{ target: FaceCheckTarget; hash: PerceptualHash }> = [];
  private detecting: Promise<void> = Promise.resolve();
  private readonly tiles: TiledLookBudget | undefined;

  constructor(
    private readonly detector: FaceDetector,
    private readonly width: number,
    private readonly height: number,
    opts: { durationSec: number; minWindowSec: number; perWindow: number; maxChecks: number; tiles?: TiledLookBudget },
  ) {
    this.tiles = opts.tiles;
    this.perWindow = Math.max(1, opts.perWindow);
    this.minWindowSec = Math.max(opts.minWindowSec, (opts.durationSec * this.perWindow) / Math.max(1, opts.maxChecks));
  }

  /** Offers a sample (in time order); `rank` is its score without faces (higher = more promising). */
  async offer(target: FaceCheckTarget, gray: Uint8Array, rank: number, hash: PerceptualHash): Promise<void> {
    const start = this.windowStart;
    const elapsed = start ? target.timestampSec - start.timestampSec : 0;
    if (!start || elapsed >= MAX_WINDOW_FACTOR * this.minWindowSec || (elapsed >= this.minWindowSec && !isNearDuplicate(hash, start.hash))) {
      await this.closeWindow();
      this.windowStart = { timestampSec: target.timestampSec, hash };
    }
    this.members.push({ target, hash });
    if (rank <= MIN_RANK) return;
    this.collecting.push({ target, gray, rank, hash });
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
    const members = this.members;
    this.collecting = [];
    this.members = [];
    if (batch.length === 0) return;
    await this.detecting; // never more than one window in the detector
    this.detecting = (async () => {
      for (const candidate of batch) {
        const { faces, eyes } = await lookAt(this.detector, candidate.gray, this.width, this.height, this.tiles);
        candidate.target.faces = faces;
        candidate.target.eyes = eyes;
        // Same picture, same faces: a still shot's other moments need no call of their own.
        for (const member of members) if (member.target.faces === null && isNearDuplicate(member.hash, candidate.hash)) member.target.faces = faces;
      }
    })();
    // Surface a detector failure at the next await instead of as an unhandled rejection.
    this.detecting.catch(() => undefined);
  }
}

/** Tiled second looks (face-tiles.ts) a video may still spend: shared by all its scans. */
export interface TiledLookBudget {
  left: number;
}

/**
 * The faces in a frame, and the eyes of the largest one (null when there is none, or they cannot
 * be read). When the whole frame shows no face and `tiles` has looks left, the frame is looked at
 * again in tiles, for faces too small to be found whole.
 */
export async function lookAt(detector: FaceDetector, gray: Uint8Array, width: number, height: number, tiles?: TiledLookBudget): Promise<{ faces: FaceBox[]; eyes: EyeOpenness | null }> {
  let faces = await detector.detect(gray, width, height);
  if (faces.length === 0 && tiles && tiles.left > 0) {
    tiles.left--;
    faces = await detectInTiles(detector, gray, width, height);
  }
  const largest = [...faces].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  const eyes = largest && detector.readEyes ? await detector.readEyes(gray, width, height, largest) : null;
  return { faces, eyes };
}
