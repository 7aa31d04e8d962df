"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { errorMessageOf, retryUnlessFinal } from "../api/api-errors";
import type { VideoListItem } from "../api/api-types";
import { buttonClass } from "../ui/button-styles";
import { VideoCard } from "./video-card";

const hasWorkInFlight = (videos: readonly VideoListItem[] | undefined) =>
  !!videos?.some((v) => v.status === "uploading" || v.jobs.some((j) => j.status === "queued" || j.status === "running"));

/** The visitor's videos, newest first; polled while any of them is still being worked on. */
export function VideoLibrary() {
  const trpc = useTRPC();
  const list = useQuery(
    trpc.video.list.queryOptions(undefined, {
      refetchInterval: (q) => (hasWorkInFlight(q.state.data?.videos) ? 2000 : false),
      staleTime: 0,
      retry: retryUnlessFinal,
    }),
  );
  const [announcement, setAnnouncement] = useState("");

  let body;
  if (list.isPending) {
    body = <LibrarySkeleton />;
  } else if (list.isError) {
    body = (
      <div role="alert" className="rounded-2xl border border-red-200 bg-red-50 p-6 text-red-800">
        <p>Could not load your videos: {errorMessageOf(list.error)}</p>
        <button type="button" className={buttonClass("secondary", "mt-4")} onClick={() => void list.refetch()}>
          Try again
        </button>
      </div>
    );
  } else if (list.data.videos.length === 0) {
    body = <EmptyState />;
  } else {
    body = (
      <ul aria-label="Videos" className="space-y-4">
        {list.data.videos.map((video) => (
          <li key={video.id}>
            <VideoCard video={video} onDeleted={() => setAnnouncement(`Deleted ${video.name}.`)} />
          </li>
        ))}
      </ul>
    );
  }

  return (
    <>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {body}
    </>
  );
}

function EmptyState() {
  return (
    <div className="rounded-2xl border border-dashed border-zinc-300 bg-white px-6 py-16 text-center">
      <h2 className="text-lg font-semibold text-zinc-900">No videos yet</h2>
      <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-600">
        Upload a clip and Frame Picker will find its best frames. Your videos and results will show up here.
      </p>
      <Link href="/" className={buttonClass("primary", "mt-6")}>
        Upload a video
      </Link>
    </div>
  );
}

function LibrarySkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading your videos" className="space-y-4">
      {[0, 1].map((i) => (
        <div key={i} className="flex gap-4 rounded-2xl border border-zinc-200 bg-white p-4">
          <div className="aspect-video w-40 shrink-0 animate-pulse rounded-lg bg-zinc-200 motion-reduce:animate-none" />
          <div className="flex-1 space-y-2 py-1">
            <div className="h-4 w-1/3 animate-pulse rounded bg-zinc-200 motion-reduce:animate-none" />
            <div className="h-3 w-1/2 animate-pulse rounded bg-zinc-100 motion-reduce:animate-none" />
          </div>
        </div>
      ))}
    </div>
  );
}
