"use client";

import { useState } from "react";
import type { FrameView } from "../api/api-types";
import { buttonClass } from "../ui/button-styles";
import { saveBlob } from "./save-blob";
import { zipFileName, zipFilesOf, zipFrames } from "./zip-frames";

type ZipState = { step: "idle" } | { step: "working"; fetched: number } | { step: "failed"; message: string };

/** "Download all (ZIP)": frames and their crops; the archive is built in the browser, nothing extra is stored. */
/** `fileName`: the archive's name, when the frames are not one video's (a batch); else named after the video. */
export function DownloadZipButton({ frames, fileName }: { frames: readonly FrameView[]; fileName?: string }) {
  const [state, setState] = useState<ZipState>({ step: "idle" });
  const files = zipFilesOf(frames);

  async function download() {
    setState({ step: "working", fetched: 0 });
    try {
      const blob = await zipFrames(files, (fetched) => setState({ step: "working", fetched }));
      saveBlob(blob, fileName ?? zipFileName(frames));
      setState({ step: "idle" });
    } catch (err) {
      setState({ step: "failed", message: err instanceof Error ? err.message : "Could not build the ZIP." });
    }
  }

  return (
    <div className="flex flex-col items-start gap-2">
      <button
        type="button"
        className={buttonClass("primary")}
        onClick={() => void download()}
        disabled={state.step === "working" || frames.length === 0}
      >
        <DownloadIcon />
        {state.step === "working" ? `Preparing ZIP… ${state.fetched} of ${files.length} files` : "Download all (ZIP)"}
      </button>
      <div role="alert" className="text-sm text-red-700">
        {state.step === "failed" ? `Could not build the ZIP: ${state.message}` : null}
      </div>
    </div>
  );
}

export function DownloadIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8">
      <path d="M10 3v10m0 0-4-4m4 4 4-4M4 16h12" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
