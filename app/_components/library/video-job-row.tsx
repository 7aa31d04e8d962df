import Link from "next/link";
import type { VideoJobSummary } from "../api/api-types";
import { describeParams } from "../job/describe-params";
import { formatDateTime, formatPercent } from "../ui/format";
import { StatusBadge } from "../job/status-badge";

const LINK_TEXT: Record<VideoJobSummary["status"], string> = {
  queued: "View progress",
  running: "View progress",
  done: "View results",
  failed: "View details",
  cancelled: "View details",
};

/** One job of a video: state, settings, how many frames it produced, and a link to the job page. */
export function VideoJobRow({ job }: { job: VideoJobSummary }) {
  const active = job.status === "queued" || job.status === "running";
  return (
    <div className="flex flex-col gap-2 px-3 py-2.5 text-sm sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
        <StatusBadge status={job.status} />
        <span className="text-zinc-800">{describeParams(job.params)}</span>
        <span className="text-zinc-500">
          {job.status === "done"
            ? `${job.frameCount} ${job.frameCount === 1 ? "frame" : "frames"}`
            : active
              ? formatPercent(job.progress)
              : job.errorReason && job.status === "failed"
                ? job.errorReason
                : null}
        </span>
        <span className="text-zinc-500">{formatDateTime(job.createdAt)}</span>
      </div>
      <Link
        href={`/?job=${encodeURIComponent(job.id)}`}
        className="shrink-0 rounded font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        {LINK_TEXT[job.status]}
      </Link>
    </div>
  );
}
