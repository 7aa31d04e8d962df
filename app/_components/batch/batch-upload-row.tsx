"use client";

import { useEffect, useState } from "react";
import { formatBytes } from "~/core/tiers";
import { ProgressBar } from "../ui/progress-bar";
import { buttonClass } from "../ui/button-styles";
import { useVideoUpload } from "../upload/use-video-upload";

/** One video of a batch going up: its own progress, cancel and retry, side by side with the others. */
export function BatchUploadRow({ file, onUploaded, onRemove }: { file: File; onUploaded: (videoId: string) => void; onRemove: () => void }) {
  const [outcome, setOutcome] = useState<"running" | "done" | "cancelled">("running");
  const upload = useVideoUpload((videoId) => {
    setOutcome("done");
    onUploaded(videoId);
  });
  const { start, cancel } = upload;
  useEffect(() => {
    void start(file);
    return () => cancel();
    // Started once per row; a retry starts it again from the button.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const { state } = upload;
  const fraction = state.phase === "uploading" && state.total > 0 ? state.loaded / state.total : state.phase === "finishing" || outcome === "done" ? 1 : 0;
  const status =
    outcome === "done"
      ? "Uploaded"
      : outcome === "cancelled"
        ? "Cancelled"
        : state.phase === "failed"
          ? state.message
          : state.phase === "finishing"
            ? "Checking the file…"
            : state.phase === "uploading"
              ? `${Math.round(fraction * 100)} %`
              : "Starting…";
  const stopped = outcome === "cancelled" || state.phase === "failed";

  return (
    <li aria-label={file.name} className="space-y-2 rounded-xl border border-zinc-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="min-w-0 font-medium break-all text-zinc-900">
          {file.name} <span className="text-sm font-normal text-zinc-500">· {formatBytes(file.size)}</span>
        </p>
        <p className={`text-sm ${state.phase === "failed" ? "text-red-800" : "text-zinc-700"}`}>{status}</p>
      </div>
      <ProgressBar value={fraction} label={`Upload of ${file.name}`} valueText={status} tone={outcome === "done" ? "green" : state.phase === "failed" ? "red" : "indigo"} />
      <div className="flex gap-2">
        {outcome === "running" && state.phase !== "failed" ? (
          <button
            type="button"
            className={buttonClass("ghost")}
            onClick={() => {
              cancel();
              setOutcome("cancelled");
            }}
          >
            Cancel
          </button>
        ) : null}
        {stopped ? (
          <>
            <button
              type="button"
              className={buttonClass("secondary")}
              onClick={() => {
                setOutcome("running");
                void start(file);
              }}
            >
              Retry
            </button>
            <button type="button" className={buttonClass("ghost")} onClick={onRemove}>
              Remove
            </button>
          </>
        ) : null}
      </div>
    </li>
  );
}
