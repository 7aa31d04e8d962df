"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "~/trpc/react";
import { errorMessageOf, retryUnlessFinal } from "../api/api-errors";
import { buttonClass } from "../ui/button-styles";
import { DownloadZipButton } from "./download-zip-button";
import { formatDateTime } from "../ui/format";
import { FrameGallery, FrameGallerySkeleton } from "./frame-gallery";
import { SIGNED_URL_REFRESH_MS } from "./signed-url-refresh";
import { StoryboardPanel } from "./storyboard-panel";

/** What a share link opens: the frames, their downloads and the ZIP, read-only, for anyone holding it. */
export function SharedGalleryView({ token }: { token: string }) {
  const trpc = useTRPC();
  const gallery = useQuery(
    trpc.share.view.queryOptions({ token }, { refetchInterval: SIGNED_URL_REFRESH_MS, staleTime: SIGNED_URL_REFRESH_MS, retry: retryUnlessFinal }),
  );

  if (gallery.isError) {
    return (
      <section role="alert" className="mx-auto max-w-2xl rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-semibold text-zinc-900">This link no longer works</h1>
        <p className="mt-2 text-zinc-600">{errorMessageOf(gallery.error)}</p>
        <Link href="/" className={buttonClass("primary", "mt-6")}>
          Pick frames from your own video
        </Link>
      </section>
    );
  }
  if (!gallery.data) return <FrameGallerySkeleton count={3} />;

  const { videoName, expiresAt, frames, storyboard } = gallery.data;
  return (
    <section className="space-y-8">
      <div className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">
            Frames from <span className="break-all">{videoName}</span>
          </h1>
          <p className="mt-1 text-sm text-zinc-600">
            Shared with you through Frame Picker · this link works until <time dateTime={expiresAt.toISOString()}>{formatDateTime(expiresAt)}</time>
          </p>
        </div>
        <DownloadZipButton frames={frames} />
      </div>
      <FrameGallery frames={frames} videoName={videoName} />
      {storyboard ? <StoryboardPanel storyboard={storyboard} videoName={videoName} /> : null}
    </section>
  );
}
