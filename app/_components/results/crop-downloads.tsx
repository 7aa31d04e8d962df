import { CROP_VARIANTS } from "~/core/crops";
import type { CropView, FrameView } from "../api/api-types";
import { CropPreview } from "./crop-preview";
import { DownloadIcon } from "./download-zip-button";
import { formatResolution } from "../ui/format";

const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

/** Holds the link's visible words (label, then size) in order, as speech input expects to say them. */
function cropLinkLabel(frame: Pick<FrameView, "rank">, crop: CropView): string {
  return `Download ${crop.label} ${formatResolution(crop.width, crop.height)} crop of frame ${frame.rank}`;
}

/**
 * The gallery card's compact version: one small download button per crop, with its size. A group,
 * not a list: the card already sits in the gallery's list, whose items are the frames.
 */
export function CropLinks({ frame }: { frame: FrameView }) {
  if (frame.crops.length === 0) return null;
  return (
    <div role="group" aria-label={`Crops of frame ${frame.rank}`} className="grid grid-cols-2 gap-2">
      {frame.crops.map((crop) => (
        <a
          key={crop.aspect}
          href={crop.downloadUrl}
          download={crop.fileName}
          aria-label={cropLinkLabel(frame, crop)}
          title={crop.fileName}
          className={`flex items-center gap-2 rounded-lg border border-zinc-200 px-2.5 py-1.5 text-xs hover:bg-zinc-50 ${focusRing}`}
        >
          <CropShapeIcon aspect={crop.aspect} />
          <span className="min-w-0">
            <span className="block font-medium text-zinc-800">{crop.label}</span>{" "}
            <span className="block tabular-nums text-zinc-500">{formatResolution(crop.width, crop.height)}</span>
          </span>
        </a>
      ))}
    </div>
  );
}

/** The large view's version: each crop previewed on the frame, with its size and a download link. */
export function CropTiles({ frame }: { frame: FrameView }) {
  if (frame.crops.length === 0) return null;
  const headingId = `crops-${frame.id}`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className="text-sm font-semibold text-zinc-900">
        Profile crops
      </h3>
      <p className="mb-2 text-xs text-zinc-600">
        {frame.faceBox ? "Centred on the face, ready for avatars and feeds." : "No face found here, so these are centred on the frame."}
      </p>
      <ul className="grid grid-cols-2 gap-3">
        {frame.crops.map((crop) => (
          <li key={crop.aspect}>
            <a
              href={crop.downloadUrl}
              download={crop.fileName}
              aria-label={cropLinkLabel(frame, crop)}
              title={crop.fileName}
              className={`group block rounded-lg border border-zinc-200 p-2 hover:border-indigo-300 hover:bg-indigo-50/40 ${focusRing}`}
            >
              <CropPreview frame={frame} crop={crop} />
              <span className="mt-2 flex items-start justify-between gap-1">
                <span className="min-w-0 text-xs">
                  <span className="block font-medium text-zinc-900">{crop.label}</span>{" "}
                  <span className="block tabular-nums text-zinc-500">{formatResolution(crop.width, crop.height)}</span>
                </span>
                <span className="text-zinc-500 group-hover:text-indigo-700">
                  <DownloadIcon />
                </span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A tiny outline of the crop's shape, so square and portrait read at a glance. */
function CropShapeIcon({ aspect }: { aspect: CropView["aspect"] }) {
  const { ratio } = CROP_VARIANTS[aspect];
  const w = (12 * Math.min(ratio.width, ratio.height)) / ratio.height;
  const h = (12 * Math.min(ratio.width, ratio.height)) / ratio.width;
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4 shrink-0 text-zinc-500">
      <rect x={(16 - w) / 2} y={(16 - h) / 2} width={w} height={h} rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
