"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { NotifyWhenDone } from "./notify-when-done";
import { useTRPC } from "~/trpc/react";
import { errorMessageOf } from "../api/api-errors";
import type { JobView } from "../api/api-types";
import { buttonClass } from "../ui/button-styles";
import { describeParams } from "./describe-params";
import { describeTimeLeft } from "../configure/processing-estimate";
import { ProgressBar } from "../ui/progress-bar";
import { StageStepper, stageLabel } from "./stage-stepper";
import { useFocusOnMount } from "../ui/use-focus-on-mount";

/** A queued or running job: live stage and percentage, and a way to stop it. */
export function ProcessingPanel({ job }: { job: JobView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const cancel = useMutation(
    trpc.job.cancel.mutationOptions({
      onSuccess: (view) => {
        // A cancelled job delivered nothing.
        queryClient.setQueryData(trpc.job.status.queryKey({ jobId: view.id }), { ...view, delivery: null });
        void queryClient.invalidateQueries({ queryKey: trpc.video.list.queryKey() });
      },
    }),
  );
  const percent = Math.round(job.progress * 100);
  const timeLeft = describeTimeLeft(job);
  // Announced when the stage changes; the percentage is left to the progress bar, or it would be read out every second.
  const statusText = job.retry
    ? `Something went wrong on our side; retrying shortly, attempt ${job.retry.attempt} of ${job.retry.of}…`
    : job.status === "queued"
      ? "Waiting for a free worker…"
      : `${stageLabel(job.stage)}…`;

  return (
    <section className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold tracking-tight text-zinc-900 focus:outline-none">
        Finding your best frames
      </h1>
      <p className="mt-1 text-sm text-zinc-600">
        <span className="break-all">{job.video.name}</span> · {describeParams(job.params)}
      </p>

      <div className="mt-8">
        <StageStepper stage={job.stage} />
      </div>
      <div className="mt-8">
        <ProgressBar value={job.progress} label="Processing progress" valueText={`${percent} %, ${stageLabel(job.stage)}`} />
        <div className="mt-3 flex items-baseline justify-between gap-4 text-sm">
          <p role="status" aria-live="polite" className="font-medium text-zinc-800">
            {statusText}
          </p>
          <p className="tabular-nums text-zinc-600">
            {percent} %
            {timeLeft ? ` · ${timeLeft}` : null}
          </p>
        </div>
      </div>

      <div className="mt-8 flex flex-col gap-4 border-t border-zinc-100 pt-6 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-zinc-600">
          You can close this tab: the job keeps running and its results will be in{" "}
          <Link href="/videos" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
            My videos
          </Link>
          .
        </p>
        <button
          type="button"
          className={buttonClass("dangerOutline", "shrink-0")}
          onClick={() => cancel.mutate({ jobId: job.id })}
          disabled={cancel.isPending}
        >
          {cancel.isPending ? "Cancelling…" : "Cancel job"}
        </button>
      </div>
      <div className="mt-4">
        <NotifyWhenDone />
      </div>
      {cancel.error ? (
        <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {errorMessageOf(cancel.error)}
        </p>
      ) : null}
    </section>
  );
}
