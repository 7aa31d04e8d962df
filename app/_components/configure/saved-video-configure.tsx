"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { TierLimits } from "~/core/tiers";
import { useTRPC } from "~/trpc/react";
import { errorCodeOf, fieldErrorsOf, fullErrorMessageOf, retryUnlessFinal } from "../api/api-errors";
import { buttonClass } from "../ui/button-styles";
import { ConfigureForm } from "./configure-form";

/**
 * The configure step for a video uploaded earlier (`/?video=<id>`, from My videos): the same
 * form as after an upload, on the video as the server knows it.
 */
export function SavedVideoConfigure({
  videoId,
  tier,
  onJobCreated,
  onChooseMyself,
  onChooseAnother,
}: {
  videoId: string;
  tier: TierLimits;
  onJobCreated: (jobId: string) => void;
  onChooseMyself: (jobId: string) => void;
  onChooseAnother: () => void;
}) {
  const trpc = useTRPC();
  const video = useQuery(trpc.video.ready.queryOptions({ videoId }, { retry: retryUnlessFinal, staleTime: 0 }));

  if (video.data) {
    return <ConfigureForm videos={[video.data]} tier={tier} justUploaded={false} onJobsCreated={([jobId]) => onJobCreated(jobId!)} onChooseMyself={onChooseMyself} onChooseAnother={onChooseAnother} />;
  }
  if (video.isError) {
    // A malformed id in the URL is as missing as a deleted video; a refused upload says why.
    const missing = errorCodeOf(video.error) === "NOT_FOUND" || Object.keys(fieldErrorsOf(video.error)).length > 0;
    return (
      <section role="alert" className="rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold text-zinc-900">{missing ? "We can’t find this video" : "This video cannot be run"}</h1>
        <p className="mt-2 text-zinc-600">
          {missing ? "It may have expired, been deleted, or belong to another browser." : fullErrorMessageOf(video.error)}
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          <button type="button" className={buttonClass("primary")} onClick={onChooseAnother}>
            Upload a video
          </button>
          <Link href="/videos" className={buttonClass("secondary")}>
            My videos
          </Link>
        </div>
      </section>
    );
  }
  return (
    <div role="status" aria-busy="true" aria-label="Loading video" className="rounded-2xl border border-zinc-200 bg-white p-8">
      <div className="h-7 w-64 animate-pulse rounded bg-zinc-200 motion-reduce:animate-none" />
      <div className="mt-6 h-40 w-full animate-pulse rounded-xl bg-zinc-100 motion-reduce:animate-none" />
    </div>
  );
}
