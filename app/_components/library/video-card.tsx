import Image from "next/image";
import Link from "next/link";
import { formatBytes, formatDuration } from "~/core/tiers";
import type { VideoListItem } from "../api/api-types";
import { buttonClass } from "../ui/button-styles";
import { formatDateTime, formatResolution } from "../ui/format";
import { StatusBadge } from "../job/status-badge";
import { DeleteVideoButton } from "./delete-video-button";
import { VideoJobRow } from "./video-job-row";

/** One video: its best frame, facts, status, every job run on it, and delete. */
export function VideoCard({ video, onDeleted }: { video: VideoListItem; onDeleted: () => void }) {
  const headingId = `video-${video.id}`;
  const facts = [
    formatBytes(video.sizeBytes),
    video.durationSec !== null ? formatDuration(video.durationSec) : null,
    formatResolution(video.width, video.height),
    `uploaded ${formatDateTime(video.createdAt)}`,
    `kept until ${formatDateTime(video.expiresAt)}`,
  ].filter(Boolean);

  return (
    <article aria-labelledby={headingId} className="rounded-2xl border border-zinc-200 bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-col gap-4 sm:flex-row">
        <div className="aspect-video w-full shrink-0 overflow-hidden rounded-lg bg-zinc-100 sm:w-44">
          {video.thumbUrl ? (
            <Image
              unoptimized
              src={video.thumbUrl}
              alt={`Best frame of ${video.name}`}
              width={320}
              height={180}
              className="h-full w-full object-cover"
            />
          ) : (
            <div className="grid h-full place-items-center text-zinc-500">
              <svg aria-hidden="true" viewBox="0 0 24 24" className="h-8 w-8" fill="none" stroke="currentColor" strokeWidth="1.5">
                <rect x="3" y="5" width="18" height="14" rx="2.5" />
                <path d="m10 9.5 4.5 2.5-4.5 2.5v-5Z" fill="currentColor" />
              </svg>
            </div>
          )}
        </div>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <h2 id={headingId} className="truncate font-semibold text-zinc-900" title={video.name}>
                {video.name}
              </h2>
              <p className="mt-0.5 text-sm text-zinc-600">{facts.join(" · ")}</p>
            </div>
            <div className="flex items-center gap-3">
              <StatusBadge status={video.status} />
              <DeleteVideoButton videoId={video.id} videoName={video.name} onDeleted={onDeleted} />
            </div>
          </div>
          {video.status === "rejected" && video.rejectReason ? (
            <p className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">{video.rejectReason}</p>
          ) : null}
          {video.jobs.length > 0 ? (
            <div className="mt-4">
              <h3 className="sr-only">Jobs for {video.name}</h3>
              <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200">
                {video.jobs.map((job) => (
                  <li key={job.id}>
                    <VideoJobRow job={job} />
                  </li>
                ))}
              </ul>
            </div>
          ) : video.status !== "rejected" ? (
            <p className="mt-4 text-sm text-zinc-500">{video.status === "uploading" ? "The upload has not finished." : "No frames picked yet."}</p>
          ) : null}
          {video.status === "uploaded" ? (
            // Uploaded and never run (the tab closed before "Find best frames"), or run before:
            // either way a new job needs no new upload.
            <Link
              href={`/?video=${encodeURIComponent(video.id)}`}
              aria-label={`${video.jobs.length > 0 ? "Pick again" : "Find best frames"} in ${video.name}`}
              className={buttonClass(video.jobs.length > 0 ? "secondary" : "primary", "mt-3")}
            >
              {video.jobs.length > 0 ? "Pick again" : "Find best frames"}
            </Link>
          ) : null}
        </div>
      </div>
    </article>
  );
}
