/**
 * Profile-mode crops delivered next to each full frame: what they are called, their shape and
 * what a frame row stores about them. Shared by the worker (renders them), the schema (stores
 * them) and the web app (lists and downloads them).
 */
export const CROP_ASPECTS = ["1:1", "4:5"] as const;
export type CropAspect = (typeof CROP_ASPECTS)[number];

export interface CropVariant {
  /** Width : height. */
  ratio: { width: number; height: number };
  label: string;
  /** Appended to the frame's S3 key and download name: `01_square.jpg`, `holiday_00m12s340_square.jpg`. */
  suffix: string;
}

export const CROP_VARIANTS: Record<CropAspect, CropVariant> = {
  "1:1": { ratio: { width: 1, height: 1 }, label: "Square 1:1", suffix: "square" },
  "4:5": { ratio: { width: 4, height: 5 }, label: "Portrait 4:5", suffix: "portrait" },
};

/** An axis-aligned rectangle in pixels. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One crop as stored on its frame row (frames.crops). */
export interface StoredCrop {
  aspect: CropAspect;
  s3Key: string;
  /** Size of the delivered crop image. */
  width: number;
  height: number;
  bytes: number;
  /** Where the crop lies in the delivered full frame (its pixels), for previews. */
  region: PixelRect;
}
