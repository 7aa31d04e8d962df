import { CROP_ASPECTS, type CropAspect, type PixelRect } from "~/core/crops";
import { faceCrop } from "./face-crop";
import { renderRegion, type RenderPolicy, type RenderedImage, type SourceFrame } from "./render";

export interface RenderedCrop extends RenderedImage {
  aspect: CropAspect;
  /** Where it was cut from, in pixels of the full-resolution source frame. */
  region: PixelRect;
}

/** Every profile crop of one frame, framed on `face` (source pixels) or centred without one. */
export function renderCrops(frame: SourceFrame, face: PixelRect | null, policy: RenderPolicy): Promise<RenderedCrop[]> {
  return Promise.all(
    CROP_ASPECTS.map(async (aspect) => {
      const region = faceCrop(frame, face, aspect);
      return { aspect, region, ...(await renderRegion(frame, region, policy)) };
    }),
  );
}
