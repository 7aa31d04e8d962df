import sharp from "sharp";
import type { PixelRect } from "~/core/crops";
import type { FaceBox, FaceDetector } from "../picker/types";
import type { SourceFrame } from "./render";

/** Long side of the gray copy the detector looks at when the picker did not check this moment. */
export const DETECT_LONG_SIDE = 640;
/** A face at least this sure beats a bigger but doubtful one (a poster, a pattern). */
const CONFIDENT_SCORE = 0.7;

/** The face to frame: the largest confident one, else the largest of any. */
export function mainFace(faces: readonly FaceBox[]): FaceBox | null {
  const confident = faces.filter((f) => f.score >= CONFIDENT_SCORE);
  const pool = confident.length > 0 ? confident : faces;
  let best: FaceBox | null = null;
  for (const face of pool) {
    if (!best || face.width * face.height > best.width * best.height) best = face;
  }
  return best;
}

/** A rectangle measured on one image, in pixels of the same picture at another size. */
export function scaleRect(rect: PixelRect, from: { width: number; height: number }, to: { width: number; height: number }): PixelRect {
  const sx = to.width / from.width;
  const sy = to.height / from.height;
  return { x: rect.x * sx, y: rect.y * sy, width: rect.width * sx, height: rect.height * sy };
}

/**
 * The face to centre crops on, in pixels of the full-resolution frame. The picker's faces (found
 * on the analysis frame) are reused when it checked this moment; when it did not (`faces` null),
 * the detector looks once at a small gray copy of the frame itself.
 */
export async function locateCropFace(
  frame: SourceFrame,
  picked: { faces: FaceBox[] | null; analysis: { width: number; height: number } },
  detector: FaceDetector | undefined,
): Promise<PixelRect | null> {
  if (picked.faces !== null) {
    const face = mainFace(picked.faces);
    return face ? scaleRect(face, picked.analysis, frame) : null;
  }
  if (!detector) return null;
  const { data, info } = await sharp(frame.pixels, { raw: { width: frame.width, height: frame.height, channels: frame.channels } })
    .resize(DETECT_LONG_SIDE, DETECT_LONG_SIDE, { fit: "inside", withoutEnlargement: true })
    .removeAlpha()
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const face = mainFace(await detector.detect(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), info.width, info.height));
  return face ? scaleRect(face, info, frame) : null;
}
