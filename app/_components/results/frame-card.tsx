import Image from "next/image";
import type { FrameView } from "../api/api-types";
import { CropLinks } from "./crop-downloads";
import { DownloadIcon } from "./download-zip-button";
import { formatPercent, formatResolution, formatTimestamp } from "../ui/format";
import { MetricBars, PickReasons } from "./metric-bars";

/** One picked frame in the gallery: thumbnail (opens the large view), facts, why it won, downloads (frame and crops). */
export function FrameCard({ frame, videoName, onOpen }: { frame: FrameView; videoName: string; onOpen: () => void }) {
  const time = formatTimestamp(frame.timestampSec);
  const headingId = `frame-${frame.id}`;
  return (
    <article aria-labelledby={headingId} className="flex h-full flex-col overflow-hidden rounded-2xl border border-zinc-200 bg-white shadow-sm">
      {/* The badges sit over the picture but outside the button: they repeat what the card says in
          words, and inside they would be visible text missing from the button's name. */}
      <div className="group relative bg-zinc-100">
        <button
          type="button"
          onClick={onOpen}
          aria-label={`Open frame ${frame.rank} large`}
          className="block w-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          <Image
            unoptimized
            src={frame.thumbUrl}
            alt={`Frame ${frame.rank} of ${videoName} at ${time}`}
            width={frame.width}
            height={frame.height}
            // The first row is what the visitor came for: load it at once.
            loading={frame.rank <= 3 ? "eager" : "lazy"}
            className="aspect-video h-auto w-full object-contain transition-opacity group-hover:opacity-90"
          />
        </button>
        <span aria-hidden="true" className="pointer-events-none absolute top-3 left-3 rounded-full bg-zinc-900/80 px-2.5 py-1 text-xs font-semibold text-white">
          #{frame.rank}
        </span>
        <span aria-hidden="true" className="pointer-events-none absolute top-3 right-3 rounded-full bg-white/90 px-2.5 py-1 text-xs font-semibold text-zinc-900 shadow-sm">
          {formatPercent(frame.score)}
        </span>
      </div>
      <div className="flex flex-1 flex-col gap-4 p-4">
        <div>
          <h3 id={headingId} className="font-semibold text-zinc-900">
            Frame {frame.rank} <span className="font-normal text-zinc-500">at</span>{" "}
            <span className="tabular-nums">{time}</span>
          </h3>
          {frame.manual ? <p className="mt-1 text-xs font-medium text-amber-800">Picked by you on the timeline</p> : null}
          <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-zinc-600">
            <div className="flex gap-1">
              <dt>Resolution</dt>
              <dd className="tabular-nums text-zinc-800">{formatResolution(frame.width, frame.height)}</dd>
            </div>
            <div className="flex gap-1">
              <dt>Score</dt>
              <dd className="tabular-nums text-zinc-800">{formatPercent(frame.score)}</dd>
            </div>
          </dl>
        </div>
        <PickReasons metrics={frame.metrics} />
        <MetricBars metrics={frame.metrics} />
        <div className="mt-auto space-y-2">
          <a
            href={frame.downloadUrl}
            download={frame.fileName}
            aria-label={`Download frame ${frame.rank} (${frame.fileName})`}
            className="flex items-center justify-center gap-2 rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium text-zinc-800 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            <DownloadIcon />
            Download
          </a>
          <CropLinks frame={frame} />
        </div>
      </div>
    </article>
  );
}
