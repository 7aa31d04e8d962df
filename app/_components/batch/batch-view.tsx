"use client";

import { useQueries } from "@tanstack/react-query";
import Image from "next/image";
import Link from "next/link";
import { useTRPC } from "~/trpc/react";
import { errorMessageOf, retryUnlessFinal } from "../api/api-errors";
import type { JobView } from "../api/api-types";
import { describeParams } from "../job/describe-params";
import { StatusBadge } from "../job/status-badge";
import { isActive, statusPollMs } from "../job/status-poll";
import { DownloadZipButton } from "../results/download-zip-button";
import { buttonClass } from "../ui/button-styles";
import { formatTimestamp } from "../ui/format";
import { ProgressBar } from "../ui/progress-bar";
import { useFocusOnMount } from "../ui/use-focus-on-mount";

/** The archive of a batch: frames from several videos, each file named after its own video. */
export const BATCH_ZIP_NAME = "frame-picker_frames.zip";

/**
 * Every job of a batch on one page (`/?jobs=<id>,<id>,…`): each video's progress, then its
 * frames and a link to its full results, and one ZIP of every frame once all have ended.
 */
export function BatchView({ jobIds, onStartOver }: { jobIds: readonly string[]; onStartOver: () => void }) {
  const trpc = useTRPC();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const statuses = useQueries({
    queries: jobIds.map((jobId) =>
      trpc.job.status.queryOptions({ jobId }, { refetchInterval: (q) => statusPollMs(q.state.data), staleTime: 0, retry: retryUnlessFinal }),
    ),
  });
  const jobs = statuses.map((q) => q.data);
  const ended = jobs.filter((job): job is JobView => job !== undefined && !isActive(job.status));
  const allEnded = ended.length === jobIds.length;
  const frames = allEnded ? ended.flatMap((job) => job.delivery?.frames ?? []) : [];

  return (
    <section className="space-y-8">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold tracking-tight text-zinc-900 focus:outline-none">
            Your {jobIds.length} videos
          </h1>
          <p className="mt-1 text-sm text-zinc-600" role="status">
            {allEnded ? "All done." : `${ended.length} of ${jobIds.length} done; the others are on their way.`}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-3">
          <DownloadZipButton frames={frames} fileName={BATCH_ZIP_NAME} />
          <button type="button" className={buttonClass("ghost")} onClick={onStartOver}>
            Start over
          </button>
        </div>
      </div>
      <ul aria-label="Videos in this batch" className="space-y-4">
        {jobIds.map((jobId, i) => (
          <li key={jobId}>
            <BatchJobCard jobId={jobId} job={jobs[i]} error={statuses[i]?.error ?? null} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function BatchJobCard({ jobId, job, error }: { jobId: string; job: JobView | undefined; error: unknown }) {
  if (!job) {
    return (
      <article className="rounded-2xl border border-zinc-200 bg-white p-5 text-sm text-zinc-600">{error ? errorMessageOf(error) : "Loading…"}</article>
    );
  }
  const frames = job.delivery?.frames ?? [];
  return (
    <article aria-label={job.video.name} className="space-y-4 rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="font-semibold break-all text-zinc-900">{job.video.name}</h2>
          <p className="text-sm text-zinc-600">{describeParams(job.params)}</p>
        </div>
        <StatusBadge status={job.status} />
      </div>
      {isActive(job.status) ? <ProgressBar value={job.progress} label={`Progress of ${job.video.name}`} /> : null}
      {job.status === "failed" ? <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">{job.errorReason}</p> : null}
      {frames.length > 0 ? (
        <ul aria-label={`Frames of ${job.video.name}`} className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {frames.map((frame) => (
            <li key={frame.id}>
              <a href={frame.downloadUrl} download={frame.fileName} title={frame.fileName} className="block">
                <Image unoptimized src={frame.thumbUrl} alt={`Frame ${frame.rank} of ${job.video.name} at ${formatTimestamp(frame.timestampSec)}`} width={frame.width} height={frame.height} className="aspect-video h-auto w-full rounded-lg bg-zinc-100 object-contain" />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {job.status === "done" ? (
        <Link href={`/?job=${encodeURIComponent(jobId)}`} className={buttonClass("secondary")}>
          Open the results of {job.video.name}
        </Link>
      ) : null}
    </article>
  );
}
