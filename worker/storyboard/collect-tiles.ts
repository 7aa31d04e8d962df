import { MediaError } from "../media/errors";
import type { VideoProbe } from "../media/probe";
import { sampleFrames } from "../media/sample";
import { slotMiddle, slotOf } from "./layout";

/** One tile's picture: RGB at tile size, and the moment it shows. */
export interface TilePicture {
  timestampSec: number;
  pixels: Uint8Array;
}

/**
 * One clean picture per stretch of the video, as near its middle as can be had cheaply. First
 * the keyframes only (a fraction of a full decode, and every keyframe is its exact picture); when
 * they leave more than half the stretches empty (long GOPs, short clips), one pass that samples
 * each stretch's first frame fills the gaps. Pictures that did not decode cleanly are never used.
 */
export async function collectTiles(
  file: string,
  probe: Pick<VideoProbe, "durationSec">,
  count: number,
  tile: { width: number; height: number },
  signal?: AbortSignal,
): Promise<TilePicture[]> {
  const duration = Math.max(probe.durationSec, 1e-3);
  const chosen: Array<TilePicture | null> = Array.from({ length: count }, () => null);
  const offer = (pixels: Uint8Array, timestampSec: number) => {
    const slot = slotOf(timestampSec, duration, count);
    const current = chosen[slot];
    const middle = slotMiddle(duration, count, slot);
    if (!current || Math.abs(timestampSec - middle) < Math.abs(current.timestampSec - middle)) chosen[slot] = { timestampSec, pixels };
  };
  const base = { width: tile.width, height: tile.height, color: true, threads: 1, signal };

  try {
    await sampleFrames(file, { ...base, rate: 1, keyframesOnly: true }, (pixels, _w, _h, t, intact) => {
      if (intact) offer(pixels, t);
    });
  } catch (error) {
    // A decoder that cannot skip to keyframes is stopped at once: the stretch pass below covers it.
    if (!(error instanceof MediaError) || error.code !== "DECODE_FAILED") throw error;
  }

  const filled = () => chosen.filter((c) => c !== null).length;
  if (filled() * 2 < count) {
    await sampleFrames(file, { ...base, rate: count / duration, referencedOnly: true }, (pixels, _w, _h, t, intact) => {
      if (intact && !chosen[slotOf(t, duration, count)]) offer(pixels, t);
    });
  }
  return chosen.filter((c): c is TilePicture => c !== null);
}
