"use client";

import { formatBytes } from "~/core/tiers";
import { buttonClass } from "../ui/button-styles";
import { formatRate, formatTimeLeft } from "../ui/format";
import { ProgressBar } from "../ui/progress-bar";
import { secondsLeft } from "./transfer-rate";
import { useFocusOnMount } from "../ui/use-focus-on-mount";
import type { UploadState } from "./use-video-upload";

type ActiveUpload = Exclude<UploadState, { phase: "idle" }>;

/** The upload step: real bytes sent, speed and time left, with Cancel; or what went wrong. */
export function UploadPanel({
  upload,
  onCancel,
  onRetry,
  onChooseAnother,
}: {
  upload: ActiveUpload;
  onCancel: () => void;
  onRetry: () => void;
  onChooseAnother: () => void;
}) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const { file } = upload;
  const loaded = upload.phase === "uploading" ? upload.loaded : upload.phase === "finishing" ? file.size : 0;
  const fraction = file.size > 0 ? loaded / file.size : 0;
  const rate = upload.phase === "uploading" ? upload.bytesPerSec : null;
  const left = secondsLeft(loaded, file.size, rate);

  // Announced only when the phase changes; the byte count updates too often to be read out.
  const phaseText =
    upload.phase === "preparing"
      ? "Preparing the upload…"
      : upload.phase === "finishing"
        ? "Uploaded. Checking the file…"
        : "Uploading…";

  return (
    <section className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 ref={headingRef} tabIndex={-1} className="text-xl font-semibold text-zinc-900 focus:outline-none">
        {upload.phase === "failed" ? "The upload did not finish" : "Uploading your video"}
      </h1>
      <p className="mt-1 truncate text-sm text-zinc-600" title={file.name}>
        {file.name} · {formatBytes(file.size)}
      </p>

      {upload.phase === "failed" ? (
        <div className="mt-6">
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            {upload.message}
          </p>
          <div className="mt-6 flex flex-wrap gap-3">
            <button type="button" className={buttonClass("primary")} onClick={onRetry}>
              Try again
            </button>
            <button type="button" className={buttonClass("secondary")} onClick={onChooseAnother}>
              Choose another video
            </button>
          </div>
        </div>
      ) : (
        <div className="mt-6">
          <ProgressBar value={fraction} label={`Uploading ${file.name}`} />
          <div className="mt-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
            <p role="status" className="font-medium text-zinc-800">
              {phaseText}
            </p>
            <p className="tabular-nums text-zinc-600">
              {formatBytes(loaded)} of {formatBytes(file.size)} · {Math.round(fraction * 100)} %
              {rate !== null ? ` · ${formatRate(rate)}` : ""}
              {left !== null && upload.phase === "uploading" ? ` · ${formatTimeLeft(left)}` : ""}
            </p>
          </div>
          <div className="mt-6 flex flex-wrap items-center gap-3">
            <button
              type="button"
              className={buttonClass("secondary")}
              onClick={onCancel}
              disabled={upload.phase === "finishing"}
            >
              Cancel upload
            </button>
            <p className="text-xs text-zinc-500">The file goes straight to private storage; only you can see it.</p>
          </div>
        </div>
      )}
    </section>
  );
}
