"use client";

import { useId, useRef, useState, type DragEvent } from "react";
import { formatBytes, formatDuration, type TierLimits } from "~/core/tiers";
import { ACCEPT_ATTRIBUTE, VIDEO_FORMATS_LABEL } from "~/core/video-files";
import { checkChosenVideo } from "./check-chosen-video";
import type { VideoMetadata } from "./read-video-metadata";

/**
 * Where a video comes in: dropped on the zone or chosen with the file input. The file's type,
 * size and (when the browser can read it) duration are checked against the tier before anything
 * is uploaded, so an obviously wrong file costs the user no waiting. The check asks for the
 * visitor's plan (`limitsNow`) rather than using the `tier` shown: until the page knows the plan
 * it shows the guest's limits, the strictest, which would turn away a signed-in user's file.
 */
export function DropZone({
  tier,
  limitsNow,
  onAccept,
  onAcceptMany,
}: {
  tier: TierLimits;
  limitsNow: () => Promise<TierLimits>;
  onAccept: (file: File, metadata: VideoMetadata) => void;
  onAcceptMany: (files: File[]) => void;
}) {
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [dragging, setDragging] = useState(false);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // dragenter/dragleave fire for every child element; count them to know when the pointer left.
  const dragDepth = useRef(0);

  async function take(files: FileList | null | undefined) {
    const chosen = [...(files ?? [])];
    if (chosen.length === 0) return;
    // Several at once: each is checked, and explained, on the batch's own page.
    if (chosen.length > 1) {
      onAcceptMany(chosen);
      return;
    }
    setError(null);
    setChecking(true);
    const { metadata, problem } = await checkChosenVideo(chosen[0]!, await limitsNow());
    setChecking(false);
    if (problem) setError(problem);
    else onAccept(chosen[0]!, metadata);
  }

  function onDrag(e: DragEvent<HTMLElement>, kind: "enter" | "over" | "leave") {
    e.preventDefault();
    if (kind === "enter") dragDepth.current += 1;
    if (kind === "leave") dragDepth.current = Math.max(0, dragDepth.current - 1);
    setDragging(kind === "over" || dragDepth.current > 0);
  }

  return (
    <section
      aria-labelledby={`${inputId}-title`}
      onDragEnter={(e) => onDrag(e, "enter")}
      onDragOver={(e) => onDrag(e, "over")}
      onDragLeave={(e) => onDrag(e, "leave")}
      onDrop={(e) => {
        e.preventDefault();
        dragDepth.current = 0;
        setDragging(false);
        void take(e.dataTransfer.files);
      }}
    >
      <div
        data-dragging={dragging || undefined}
        className="flex flex-col items-center justify-center gap-4 rounded-2xl border-2 border-dashed border-zinc-300 bg-white px-6 py-12 text-center transition-colors data-[dragging]:border-indigo-500 data-[dragging]:bg-indigo-50 sm:py-16"
      >
        <UploadIcon />
        <div>
          <h2 id={`${inputId}-title`} className="text-lg font-semibold text-zinc-900">
            Drop a video here
          </h2>
          <p className="sr-only" aria-live="polite">
            {dragging ? "Release to upload the video." : ""}
          </p>
          <p id={hintId} className="mt-1 text-sm text-zinc-600">
            {VIDEO_FORMATS_LABEL} · up to {formatBytes(tier.maxUploadBytes)} and{" "}
            {formatDuration(tier.maxDurationSec)} on the {tier.label} plan
            {tier.maxOpenJobs > 1 ? ` · up to ${tier.maxOpenJobs} at once` : ""}
          </p>
        </div>
        <div>
          <input
            id={inputId}
            type="file"
            multiple
            accept={ACCEPT_ATTRIBUTE}
            className="peer sr-only"
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
            aria-invalid={error ? true : undefined}
            disabled={checking}
            onChange={(e) => {
              const files = e.currentTarget.files;
              void take(files).finally(() => {
                // Let the same file be chosen again after a fix (e.g. a new plan).
                e.target.value = "";
              });
            }}
          />
          <label
            htmlFor={inputId}
            className="inline-flex cursor-pointer items-center rounded-lg bg-indigo-600 px-5 py-2.5 text-sm font-medium text-white shadow-sm transition-colors hover:bg-indigo-500 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-600 peer-disabled:cursor-wait peer-disabled:opacity-60"
          >
            {checking ? "Checking the video…" : "Choose a video"}
          </label>
        </div>
      </div>
      <div id={errorId} role="alert" className="mt-3 min-h-5 text-sm">
        {error ? (
          <p className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-red-800">{error}</p>
        ) : null}
      </div>
    </section>
  );
}

function UploadIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-12 w-12 text-indigo-500" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="3" y="5" width="18" height="14" rx="2.5" />
      <path d="M12 15V9m0 0-2.5 2.5M12 9l2.5 2.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
