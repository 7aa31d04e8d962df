"use client";

import Image from "next/image";
import { formatBytes } from "~/core/tiers";
import type { StoryboardView } from "../api/api-types";
import { buttonClass } from "../ui/button-styles";
import { DownloadIcon } from "./download-zip-button";
import { formatResolution } from "../ui/format";

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, "0")}`;

/** The job's contact sheet: the whole video at a glance, a tile per stretch of it, downloadable. */
export function StoryboardPanel({ storyboard, videoName }: { storyboard: StoryboardView; videoName: string }) {
  const first = storyboard.tiles[0];
  const last = storyboard.tiles.at(-1);
  const span = first && last ? `, from ${clock(first.timestampSec)} to ${clock(last.timestampSec)}` : "";
  return (
    <section aria-labelledby="storyboard-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="storyboard-heading" className="text-lg font-semibold text-zinc-900">
            Storyboard
          </h2>
          <p className="text-sm text-zinc-600">The whole video at a glance: {storyboard.tiles.length} moments, one every few seconds.</p>
        </div>
        <a href={storyboard.downloadUrl} download={storyboard.fileName} className={buttonClass("secondary")}>
          <DownloadIcon />
          Download storyboard
          <span className="text-xs font-normal text-zinc-500">
            JPEG · {formatResolution(storyboard.width, storyboard.height)} · {formatBytes(storyboard.bytes)}
          </span>
        </a>
      </div>
      <Image
        unoptimized
        src={storyboard.url}
        alt={`Storyboard of ${videoName}: ${storyboard.tiles.length} moments${span}`}
        width={storyboard.width}
        height={storyboard.height}
        className="h-auto w-full rounded-xl border border-zinc-200"
      />
    </section>
  );
}
