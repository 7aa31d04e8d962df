"use client";

import { formatDateTime, formatJobTime } from "../ui/format";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { shortfallMessage } from "~/core/shortfall";
import { STORYBOARD_TIMEOUT_MS } from "~/core/storyboard";
import { useTRPC } from "~/trpc/react";
import { errorMessageOf, retryUnlessFinal } from "../api/api-errors";
import type { JobView } from "../api/api-types";
import { buttonClass } from "../ui/button-styles";
import { describeParams } from "../job/describe-params";
import { DownloadZipButton } from "./download-zip-button";
import { FrameGallery, FrameGallerySkeleton } from "./frame-gallery";
import { MomentTimeline } from "./moment-timeline";
import { SharePanel } from "./share-panel";
import { StoryboardPanel } from "./storyboard-panel";
import { SIGNED_URL_REFRESH_MS } from "./signed-url-refresh";
import { useFocusOnMount } from "../ui/use-focus-on-mount";

const STORYBOARD_POLL_MS = 2_000;
/** How long after the job the worker may still deliver its storyboard, with room for clocks and the queue. */
const STORYBOARD_WAIT_MS = STORYBOARD_TIMEOUT_MS + 30_000;

function storyboardMayCome(job: Pick<JobView, "finishedAt">): boolean {
  return job.finishedAt !== null && Date.now() - job.finishedAt.getTime() < STORYBOARD_WAIT_MS;
}

/** A finished job: the gallery, the large view, downloads, and where to go next. */
export function ResultsView({
  job,
  statusUpdatedAt,
  onTryOtherSettings,
  onStartOver,
}: {
  job: JobView;
  /** When `job` was fetched: its frames' URLs were signed then. */
  statusUpdatedAt: number;
  onTryOtherSettings: () => void;
  onStartOver: () => void;
}) {
  const trpc = useTRPC();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const framesQuery = useQuery(
    trpc.job.frames.queryOptions(
      { jobId: job.id },
      {
        // The storyboard is made after the frames: ask again every few seconds until it is there
        // (or clearly is not coming), then only to renew the URLs.
        refetchInterval: (query) => (query.state.data?.storyboard === null && storyboardMayCome(job) ? STORYBOARD_POLL_MS : SIGNED_URL_REFRESH_MS),
        staleTime: SIGNED_URL_REFRESH_MS,
        retry: retryUnlessFinal,
        // The status that said done brought the frames along: shown at once, no second request.
        ...(job.delivery ? { initialData: job.delivery, initialDataUpdatedAt: statusUpdatedAt } : {}),
      },
    ),
  );
  const frames = framesQuery.data?.frames ?? [];
  const storyboard = framesQuery.data?.storyboard ?? null;
  const [sharing, setSharing] = useState(false);

  return (
    <section className="space-y-8">
      <div className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold tracking-tight text-zinc-900 focus:outline-none">
            Your best frames
          </h1>
          <p className="mt-1 text-sm text-zinc-600">
            <span className="break-all">{job.video.name}</span> · {describeParams(job.params)}
            {job.processingMs !== null ? ` · found in ${formatJobTime(job.processingMs)}` : null} · kept until{" "}
            <time dateTime={job.expiresAt.toISOString()}>{formatDateTime(job.expiresAt)}</time>
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          <DownloadZipButton frames={frames} />
          {frames.length > 0 ? (
            <button type="button" className={buttonClass("secondary")} aria-expanded={sharing} aria-controls="share-panel" onClick={() => setSharing(!sharing)}>
              Share
            </button>
          ) : null}
          <button type="button" className={buttonClass("secondary")} onClick={onTryOtherSettings}>
            Try other settings
          </button>
          <button type="button" className={buttonClass("ghost")} onClick={onStartOver}>
            Start over
          </button>
        </div>
      </div>

      {sharing ? (
        <div id="share-panel">
          <SharePanel jobId={job.id} jobExpiresAt={job.expiresAt} />
        </div>
      ) : null}

      {framesQuery.isPending ? (
        <FrameGallerySkeleton count={job.params.count} />
      ) : framesQuery.isError ? (
        <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          <p>Could not load the frames: {errorMessageOf(framesQuery.error)}</p>
          <button type="button" className={buttonClass("secondary", "mt-3")} onClick={() => void framesQuery.refetch()}>
            Try again
          </button>
        </div>
      ) : frames.length === 0 ? (
        <p className="rounded-xl border border-zinc-200 bg-white p-6 text-zinc-700">
          No frames could be picked from this video. Try a lower minimum interval or another video.
        </p>
      ) : (
        <>
          {job.shortfall ? (
            <p role="status" className="rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              {/* The request was the picker's: frames added by hand do not answer it. */}
              {shortfallMessage(job.shortfall, job.params.count, frames.filter((f) => !f.manual).length, job.params.minIntervalSec)}
            </p>
          ) : null}
          <FrameGallery frames={frames} videoName={job.video.name} />
          <MomentTimeline jobId={job.id} />
          {storyboard ? <StoryboardPanel storyboard={storyboard} videoName={job.video.name} /> : null}
        </>
      )}
    </section>
  );
}
