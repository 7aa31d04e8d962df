"use client";

import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTRPC } from "~/trpc/react";
import { errorCodeOf, errorMessageOf, fullErrorMessageOf } from "../api/api-errors";
import { UploadError, uploadToStorage } from "./s3-upload";
import { addSample, bytesPerSecond, type TransferSample } from "./transfer-rate";

export type UploadState =
  | { phase: "idle" }
  | { phase: "preparing"; file: File }
  | { phase: "uploading"; file: File; loaded: number; total: number; bytesPerSec: number | null }
  | { phase: "finishing"; file: File }
  | { phase: "failed"; file: File; message: string };

interface Run {
  controller: AbortController;
  videoId: string | null;
}

/**
 * One upload at a time, from asking the API for a ticket to confirming the object arrived.
 * Cancelling or failing tells the API to drop the half-made video, so nothing is left stuck in
 * "uploading" in My videos.
 */
export function useVideoUpload(onUploaded: (videoId: string, file: File) => void) {
  const trpc = useTRPC();
  const { mutateAsync: createTicket } = useMutation(trpc.upload.create.mutationOptions());
  const { mutateAsync: completeUpload } = useMutation(trpc.upload.complete.mutationOptions());
  const { mutate: abortUpload } = useMutation(trpc.upload.abort.mutationOptions());
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const current = useRef<Run | null>(null);

  const dropOnServer = (videoId: string | null) => {
    // Best effort: a video left behind is also cleaned up by retention.
    if (videoId) abortUpload({ videoId }, { onError: () => undefined });
  };

  async function start(file: File) {
    current.current?.controller.abort();
    const run: Run = { controller: new AbortController(), videoId: null };
    current.current = run;
    const isLive = () => current.current === run;
    setState({ phase: "preparing", file });

    try {
      const ticket = await createTicket({ name: file.name, type: file.type, size: file.size });
      run.videoId = ticket.videoId;
      if (!isLive()) {
        dropOnServer(ticket.videoId);
        return;
      }
      let samples: TransferSample[] = [];
      const parts = await uploadToStorage(
        file,
        ticket,
        (loaded, total) => {
          if (!isLive()) return;
          samples = addSample(samples, { at: performance.now(), loaded });
          setState({ phase: "uploading", file, loaded, total, bytesPerSec: bytesPerSecond(samples) });
        },
        run.controller.signal,
      );
      if (!isLive()) return;
      setState({ phase: "finishing", file });
      await completeUpload({ videoId: ticket.videoId, parts });
      if (!isLive()) return;
      current.current = null;
      setState({ phase: "idle" });
      onUploaded(ticket.videoId, file);
    } catch (err) {
      if (!isLive()) return;
      current.current = null;
      dropOnServer(run.videoId);
      const message =
        err instanceof UploadError || !errorCodeOf(err)
          ? errorMessageOf(err)
          : `The server refused the upload: ${fullErrorMessageOf(err)}`;
      setState({ phase: "failed", file, message });
    }
  }

  function cancel() {
    const run = current.current;
    current.current = null;
    if (run) {
      run.controller.abort();
      dropOnServer(run.videoId);
    }
    setState({ phase: "idle" });
  }

  return { state, start, cancel };
}
