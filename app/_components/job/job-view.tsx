"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "~/trpc/react";
import { errorCodeOf, errorMessageOf, retryUnlessFinal } from "../api/api-errors";
import type { JobView as JobViewData, ReadyVideo } from "../api/api-types";
import { isActive, statusPollMs } from "./status-poll";
import { buttonClass } from "../ui/button-styles";
import { JobEnded } from "./job-ended";
import { useJobEndNotice } from "./job-end-notice";
import { ProcessingPanel } from "./processing-panel";
import { ResultsView } from "../results/results-view";


export function readyVideoOf(job: JobViewData): ReadyVideo {
  const { id: videoId, name, durationSec, width, height } = job.video;
  return { videoId, name, sizeBytes: null, durationSec, width, height };
}

/** The job named in the URL, polled while it runs: processing, then results or what went wrong. */
export function JobView({
  jobId,
  onTryOtherSettings,
  onStartOver,
}: {
  jobId: string;
  onTryOtherSettings: (video: ReadyVideo) => void;
  onStartOver: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(
    trpc.job.status.queryOptions(
      { jobId },
      { refetchInterval: (q) => statusPollMs(q.state.data), staleTime: 0, retry: retryUnlessFinal },
    ),
  );
  const job = status.data;
  const finished = job !== undefined && !isActive(job.status);
  useJobEndNotice(job);

  useEffect(() => {
    // My videos shows job states and the best thumbnail: refresh it once the job ends.
    if (finished) void queryClient.invalidateQueries({ queryKey: trpc.video.list.queryKey() });
  }, [finished, queryClient, trpc]);

  if (!job) {
    if (status.isError) {
      const code = errorCodeOf(status.error);
      const missing = code === "NOT_FOUND" || code === "BAD_REQUEST" || code === "FORBIDDEN";
      return (
        <section role="alert" className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8">
          <h1 className="text-2xl font-semibold text-zinc-900">{missing ? "We can’t find this job" : "Could not load this job"}</h1>
          <p className="mt-2 text-zinc-600">
            {missing
              ? "It may have expired, been deleted, or belong to another browser."
              : errorMessageOf(status.error)}
          </p>
          <div className="mt-6 flex gap-3">
            {!missing ? (
              <button type="button" className={buttonClass("secondary")} onClick={() => void status.refetch()}>
                Try again
              </button>
            ) : null}
            <button type="button" className={buttonClass("primary")} onClick={onStartOver}>
              Start over
            </button>
          </div>
        </section>
      );
    }
    return <JobSkeleton />;
  }

  const reconnecting = status.isRefetchError ? (
    <p role="status" className="mb-4 rounded-lg bg-amber-50 px-4 py-2 text-sm text-amber-900">
      Lost contact with the server; retrying… Your job keeps running.
    </p>
  ) : null;

  if (isActive(job.status)) {
    return (
      <>
        {reconnecting}
        <ProcessingPanel job={job} />
      </>
    );
  }
  if (job.status === "done") {
    return (
      <ResultsView
        job={job}
        statusUpdatedAt={status.dataUpdatedAt}
        onTryOtherSettings={() => onTryOtherSettings(readyVideoOf(job))}
        onStartOver={onStartOver}
      />
    );
  }
  return (
    <JobEnded job={job} onTryAnotherVideo={onStartOver} onTryOtherSettings={() => onTryOtherSettings(readyVideoOf(job))} />
  );
}

function JobSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading job" className="rounded-2xl border border-zinc-200 bg-white p-8">
      <div className="h-7 w-64 animate-pulse rounded bg-zinc-200 motion-reduce:animate-none" />
      <div className="mt-3 h-4 w-80 max-w-full animate-pulse rounded bg-zinc-100 motion-reduce:animate-none" />
      <div className="mt-10 h-2.5 w-full animate-pulse rounded-full bg-zinc-200 motion-reduce:animate-none" />
    </div>
  );
}
