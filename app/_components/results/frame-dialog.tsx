"use client";

import Image from "next/image";
import { useEffect, useId, useRef, type KeyboardEvent } from "react";
import type { FrameView } from "../api/api-types";
import { buttonClass } from "../ui/button-styles";
import { CropTiles } from "./crop-downloads";
import { DownloadIcon } from "./download-zip-button";
import { formatPercent, formatResolution, formatTimestamp } from "../ui/format";
import { MetricBars, PickReasons } from "./metric-bars";

/**
 * The large view of one frame, on the native modal <dialog> (focus is trapped and restored by
 * the browser, Esc closes). Left and right arrows move between frames.
 */
export function FrameDialog({
  frames,
  index,
  videoName,
  onIndexChange,
  onClose,
}: {
  frames: readonly FrameView[];
  index: number | null;
  videoName: string;
  onIndexChange: (index: number) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const frame = index === null ? undefined : frames[index];
  const open = frame !== undefined;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const hasPrev = index !== null && index > 0;
  const hasNext = index !== null && index < frames.length - 1;

  function onKeyDown(e: KeyboardEvent<HTMLDialogElement>) {
    if (index === null) return;
    if (e.key === "ArrowLeft" && hasPrev) {
      e.preventDefault();
      onIndexChange(index - 1);
    } else if (e.key === "ArrowRight" && hasNext) {
      e.preventDefault();
      onIndexChange(index + 1);
    }
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onKeyDown={onKeyDown}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog element itself.
        if (e.target === e.currentTarget) onClose();
      }}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[min(72rem,calc(100vw-2rem))] overflow-hidden rounded-2xl bg-white p-0 shadow-2xl backdrop:bg-zinc-950/70"
    >
      {frame ? (
        <div className="flex max-h-[calc(100dvh-2rem)] flex-col lg:flex-row">
          <div className="flex min-h-0 flex-1 items-center justify-center bg-zinc-950">
            <Image
              unoptimized
              src={frame.previewUrl}
              alt={`Frame ${frame.rank} of ${videoName} at ${formatTimestamp(frame.timestampSec)}`}
              width={frame.width}
              height={frame.height}
              className="h-auto max-h-[60dvh] w-auto max-w-full object-contain lg:max-h-[calc(100dvh-2rem)]"
            />
          </div>
          <div className="flex w-full flex-col gap-5 overflow-y-auto p-6 lg:w-80">
            <div className="flex items-start justify-between gap-3">
              <div>
                <h2 id={titleId} className="text-lg font-semibold text-zinc-900">
                  Frame {frame.rank} of {frames.length}
                </h2>
                <p className="text-sm tabular-nums text-zinc-600">at {formatTimestamp(frame.timestampSec)}</p>
              </div>
              <button type="button" onClick={onClose} className={buttonClass("ghost", "px-2.5")} aria-label="Close">
                <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
                  <path d="m5 5 10 10M15 5 5 15" strokeLinecap="round" />
                </svg>
              </button>
            </div>
            <dl className="grid grid-cols-2 gap-3 text-sm">
              <div>
                <dt className="text-zinc-500">Resolution</dt>
                <dd className="font-medium tabular-nums text-zinc-900">{formatResolution(frame.width, frame.height)}</dd>
              </div>
              <div>
                <dt className="text-zinc-500">Overall score</dt>
                <dd className="font-medium tabular-nums text-zinc-900">{formatPercent(frame.score)}</dd>
              </div>
            </dl>
            <div>
              <h3 className="mb-2 text-sm font-semibold text-zinc-900">Why this frame</h3>
              <div className="space-y-3">
                <PickReasons metrics={frame.metrics} />
                <MetricBars metrics={frame.metrics} />
              </div>
            </div>
            <div>
              <a
                href={frame.downloadUrl}
                download={frame.fileName}
                aria-label={`Download this frame (${frame.fileName})`}
                className={buttonClass("primary", "w-full")}
              >
                <DownloadIcon />
                Download this frame
              </a>
              <p className="mt-1.5 truncate text-center text-xs text-zinc-500" title={frame.fileName}>
                {frame.fileName}
              </p>
            </div>
            <CropTiles frame={frame} />
            <div className="mt-auto flex items-center justify-between gap-3">
              <button
                type="button"
                className={buttonClass("secondary")}
                onClick={() => index !== null && onIndexChange(index - 1)}
                disabled={!hasPrev}
                aria-label="Previous frame"
              >
                ← Previous
              </button>
              <button
                type="button"
                className={buttonClass("secondary")}
                onClick={() => index !== null && onIndexChange(index + 1)}
                disabled={!hasNext}
                aria-label="Next frame"
              >
                Next →
              </button>
            </div>
            <p className="text-xs text-zinc-500">Tip: use the ← and → keys to move between frames, Esc to close.</p>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
