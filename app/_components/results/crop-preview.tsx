import Image from "next/image";
import type { CropView, FrameView } from "../api/api-types";

/**
 * Where a crop sits in its frame: the frame's thumbnail with the crop outlined and the rest
 * dimmed. Decorative (the link around it names the crop), and cheap: no extra image is fetched.
 */
export function CropPreview({ frame, crop, className = "" }: { frame: Pick<FrameView, "thumbUrl" | "width" | "height">; crop: CropView; className?: string }) {
  const pct = (value: number, of: number) => `${(100 * value) / of}%`;
  return (
    <span
      aria-hidden="true"
      className={`relative block overflow-hidden rounded-md bg-zinc-200 ${className}`}
      style={{ aspectRatio: `${frame.width} / ${frame.height}` }}
    >
      <Image unoptimized src={frame.thumbUrl} alt="" width={frame.width} height={frame.height} className="h-full w-full object-cover" />
      <span
        className="absolute rounded-[2px]"
        style={{
          left: pct(crop.region.x, frame.width),
          top: pct(crop.region.y, frame.height),
          width: pct(crop.region.width, frame.width),
          height: pct(crop.region.height, frame.height),
          // A white outline, then a huge shadow that dims everything outside the crop (the container clips it).
          boxShadow: "0 0 0 2px rgb(255 255 255), 0 0 0 9999px rgb(24 24 27 / 0.55)",
        }}
      />
    </span>
  );
}
