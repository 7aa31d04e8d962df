import Link from "next/link";
import type { JobView } from "../api/api-types";
import { buttonClass } from "../ui/button-styles";
import { describeParams } from "./describe-params";
import { useFocusOnMount } from "../ui/use-focus-on-mount";

/** A job that failed or was cancelled: the reason, prominently, and the way forward. */
export function JobEnded({
  job,
  onTryAnotherVideo,
  onTryOtherSettings,
}: {
  job: JobView;
  onTryAnotherVideo: () => void;
  onTryOtherSettings: () => void;
}) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const failed = job.status === "failed";
  return (
    <section
      className={`rounded-2xl border bg-white p-6 shadow-sm sm:p-8 ${failed ? "border-red-200" : "border-zinc-200"}`}
    >
      <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold tracking-tight text-zinc-900 focus:outline-none">
        {failed ? "We could not process this video" : "Job cancelled"}
      </h1>
      <p className="mt-1 text-sm text-zinc-600">
        <span className="break-all">{job.video.name}</span> · {describeParams(job.params)}
      </p>
      {failed ? (
        <p role="alert" className="mt-6 rounded-xl border border-red-200 bg-red-50 px-5 py-4 text-base font-medium text-red-900">
          {job.errorReason ?? "The job failed for an unknown reason."}
        </p>
      ) : (
        <p role="status" className="mt-6 text-zinc-700">
          {job.errorReason && job.errorReason !== "Cancelled." ? job.errorReason : "This job was stopped before it finished."}
        </p>
      )}
      <div className="mt-8 flex flex-wrap gap-3">
        {failed ? (
          <button type="button" className={buttonClass("primary")} onClick={onTryAnotherVideo}>
            Try another video
          </button>
        ) : (
          <>
            <button type="button" className={buttonClass("primary")} onClick={onTryOtherSettings}>
              Try other settings
            </button>
            <button type="button" className={buttonClass("secondary")} onClick={onTryAnotherVideo}>
              Try another video
            </button>
          </>
        )}
        <Link href="/videos" className={buttonClass("ghost")}>
          My videos
        </Link>
      </div>
    </section>
  );
}
