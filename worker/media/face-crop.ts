import { CROP_VARIANTS, type CropAspect, type PixelRect } from "~/core/crops";

/**
 * Head-and-shoulders framing, as profile pictures are usually cut: the face fills about a third
 * of the crop's height, is centred horizontally, and the eyes sit a little above the middle.
 */
export const FACE_SHARE_OF_CROP = 0.35;
/**
 * Where the eyes are in the detector's face box, from its top: measured at about 0.3 on BlazeFace
 * boxes (worker/faces, box scale 1, which run from the forehead to the chin).
 */
export const EYES_IN_FACE = 0.3;
/** Where the eyes go in the crop, from its top. */
export const EYES_IN_CROP = 0.38;
/**
 * A face far away would ask for a thumbnail-sized crop: no crop is smaller than this share of the
 * largest one the image allows (or this many pixels high, when the image has them).
 */
export const MIN_SHARE_OF_LARGEST = 1 / 3;
export const MIN_CROP_HEIGHT_PX = 320;

interface Size {
  width: number;
  height: number;
}

/**
 * The crop of the given aspect (width:height) around a face, in whole pixels of `image`, always
 * inside it. Framed as above where the image allows; near an edge the crop slides inside the image
 * rather than shrinking; when the framing asks for more than the image has, the largest crop of
 * that aspect, as close to centred on the face as it can be. Without a face: the largest centred crop.
 */
export function faceCrop(image: Size, face: PixelRect | null, aspect: CropAspect): PixelRect {
  if (!Number.isInteger(image.width) || !Number.isInteger(image.height) || image.width < 1 || image.height < 1) {
    throw new RangeError(`a crop needs a positive integer image size, got ${image.width}×${image.height}`);
  }
  const { ratio } = CROP_VARIANTS[aspect];
  const largest = largestCrop(image, ratio);
  const visible = face ? visiblePart(face, image) : null;
  if (!visible) return placed(image, largest, image.width / 2, image.height / 2, 0.5);

  const floor = Math.min(largest.height, Math.max(largest.height * MIN_SHARE_OF_LARGEST, MIN_CROP_HEIGHT_PX));
  const height = Math.min(largest.height, Math.max(floor, visible.height / FACE_SHARE_OF_CROP));
  const size = sizeForHeight(height, ratio, largest);
  const eyesY = visible.y + visible.height * EYES_IN_FACE;
  return placed(image, size, visible.x + visible.width / 2, eyesY, EYES_IN_CROP);
}

/** The largest crop of this ratio that fits: full height for wide images, full width for tall ones. */
function largestCrop(image: Size, ratio: Size): Size {
  if (image.width * ratio.height >= image.height * ratio.width) {
    return { width: Math.min(image.width, Math.round((image.height * ratio.width) / ratio.height)), height: image.height };
  }
  return { width: image.width, height: Math.min(image.height, Math.round((image.width * ratio.height) / ratio.width)) };
}

/** Whole pixels, the width derived from the height so the ratio holds to within a pixel. */
function sizeForHeight(height: number, ratio: Size, largest: Size): Size {
  const h = Math.max(1, Math.round(height));
  const w = Math.max(1, Math.round((h * ratio.width) / ratio.height));
  return w > largest.width || h > largest.height ? largest : { width: w, height: h };
}

/** Puts `size` with its horizontal centre on `centreX` and `anchorY` at `anchorShare` of its height, slid inside the image. */
function placed(image: Size, size: Size, centreX: number, anchorY: number, anchorShare: number): PixelRect {
  const x = clamp(Math.round(centreX - size.width / 2), 0, image.width - size.width);
  const y = clamp(Math.round(anchorY - size.height * anchorShare), 0, image.height - size.height);
  return { x, y, width: size.width, height: size.height };
}

/** Detector boxes can reach past the frame; only the part inside it counts. */
function visiblePart(face: PixelRect, image: Size): PixelRect | null {
  const left = Math.max(0, face.x);
  const top = Math.max(0, face.y);
  const right = Math.min(image.width, face.x + face.width);
  const bottom = Math.min(image.height, face.y + face.height);
  return right - left >= 1 && bottom - top >= 1 ? { x: left, y: top, width: right - left, height: bottom - top } : null;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
