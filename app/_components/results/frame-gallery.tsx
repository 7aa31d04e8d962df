"use client";

import { useState } from "react";
import type { FrameView } from "../api/api-types";
import { FrameCard } from "./frame-card";
import { FrameDialog } from "./frame-dialog";

/** The picked frames as cards, best first, each opening the large view: the owner's results and a shared link alike. */
export function FrameGallery({ frames, videoName }: { frames: readonly FrameView[]; videoName: string }) {
  const [openIndex, setOpenIndex] = useState<number | null>(null);
  return (
    <>
      <ul aria-label="Picked frames" className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
        {frames.map((frame, i) => (
          <li key={frame.id}>
            <FrameCard frame={frame} videoName={videoName} onOpen={() => setOpenIndex(i)} />
          </li>
        ))}
      </ul>
      <FrameDialog frames={frames} index={openIndex} videoName={videoName} onIndexChange={setOpenIndex} onClose={() => setOpenIndex(null)} />
    </>
  );
}

/** Placeholders in the gallery's grid while its frames load. */
export function FrameGallerySkeleton({ count }: { count: number }) {
  return (
    <div role="status" aria-busy="true" aria-label="Loading frames" className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="overflow-hidden rounded-2xl border border-zinc-200 bg-white">
          <div className="aspect-video animate-pulse bg-zinc-200 motion-reduce:animate-none" />
          <div className="space-y-2 p-4">
            <div className="h-4 w-1/2 animate-pulse rounded bg-zinc-200 motion-reduce:animate-none" />
            <div className="h-3 w-3/4 animate-pulse rounded bg-zinc-100 motion-reduce:animate-none" />
          </div>
        </div>
      ))}
    </div>
  );
}
