"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { batchAllowance } from "~/core/batch-limits";
import { formatBytes, formatDuration, type TierLimits } from "~/core/tiers";
import { useTRPC } from "~/trpc/react";
import type { ReadyVideo } from "../api/api-types";
import { ConfigureForm } from "../configure/configure-form";
import { buttonClass } from "../ui/button-styles";
import { useFocusOnMount } from "../ui/use-focus-on-mount";
import { checkChosenVideo } from "../upload/check-chosen-video";
import type { VideoMetadata } from "../upload/read-video-metadata";
import { BatchUploadRow } from "./batch-upload-row";

interface Entry {
  key: string;
  file: File;
  metadata: VideoMetadata | null;
  /** Why the plan will not take it; null when it may go (or is still being checked). */
  problem: string | null;
  checked: boolean;
}

/**
 * Several videos dropped at once: each checked against the plan, and what the plan will not take
 * said before anything goes up; then one upload queue (each with its progress, cancel and retry);
 * then one set of settings for all, and one job per video.
 */
export function BatchFlow({
  files,
  tier,
  limitsNow,
  onJobsCreated,
  onStartOver,
}: {
  files: readonly File[];
  tier: TierLimits;
  limitsNow: () => Promise<TierLimits>;
  onJobsCreated: (jobIds: string[]) => void;
  onStartOver: () => void;
}) {
  const trpc = useTRPC();
  const usage = useQuery(trpc.viewer.usage.queryOptions(undefined, { staleTime: 0 }));
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [entries, setEntries] = useState<Entry[]>(() => files.map((file) => ({ key: crypto.randomUUID(), file, metadata: null, problem: null, checked: false })));
  const [uploading, setUploading] = useState<Entry[] | null>(null);
  const [uploaded, setUploaded] = useState<Record<string, ReadyVideo>>({});

  useEffect(() => {
    let live = true;
    void limitsNow().then((limits) =>
      Promise.all(
        entries.map(async (entry) => {
          const { metadata, problem } = await checkChosenVideo(entry.file, limits);
          if (live) setEntries((all) => all.map((e) => (e.key === entry.key ? { ...e, metadata, problem, checked: true } : e)));
        }),
      ),
    );
    return () => {
      live = false;
    };
    // The files are checked once, as they came in.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const allowance = batchAllowance(tier, usage.data ?? null);
  const fit = entries.filter((e) => e.checked && !e.problem);
  const taken = new Set(fit.slice(0, allowance.max).map((e) => e.key));
  const allChecked = entries.every((e) => e.checked) && usage.isSuccess;

  if (uploading) {
    const ready = uploading.map((e) => uploaded[e.key]).filter((v): v is ReadyVideo => v !== undefined);
    const allUp = uploading.length > 0 && ready.length === uploading.length;
    return (
      <div className="space-y-8">
        <div>
          <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold tracking-tight text-zinc-900 focus:outline-none">
            Uploading {uploading.length} {uploading.length === 1 ? "video" : "videos"}
          </h1>
          <p className="mt-1 text-sm text-zinc-600">{allUp ? "All uploaded. Choose how to pick their frames." : `${ready.length} of ${uploading.length} uploaded.`}</p>
        </div>
        <ul aria-label="Uploads" className="space-y-3">
          {uploading.map((entry) => (
            <BatchUploadRow
              key={entry.key}
              file={entry.file}
              onUploaded={(videoId) =>
                setUploaded((all) => ({ ...all, [entry.key]: { videoId, name: entry.file.name, sizeBytes: entry.file.size, ...(entry.metadata ?? { durationSec: null, width: null, height: null }) } }))
              }
              onRemove={() => setUploading((all) => all?.filter((e) => e.key !== entry.key) ?? null)}
            />
          ))}
        </ul>
        {allUp ? <ConfigureForm videos={ready} tier={tier} justUploaded onJobsCreated={onJobsCreated} onChooseAnother={onStartOver} /> : null}
        {uploading.length === 0 ? (
          <button type="button" className={buttonClass("primary")} onClick={onStartOver}>
            Choose other videos
          </button>
        ) : null}
      </div>
    );
  }

  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold tracking-tight text-zinc-900 focus:outline-none">
            {entries.length} videos
          </h1>
          <p className="mt-1 text-sm text-zinc-600">Checked against your plan before anything is uploaded.</p>
        </div>
        <button type="button" className={buttonClass("ghost")} onClick={onStartOver}>
          Choose other videos
        </button>
      </div>
      {allChecked && fit.length > allowance.max ? (
        <p role="status" className="rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {allowance.reason}{" "}
          {allowance.max === 1 ? "Only the first will be uploaded; remove it to choose another." : allowance.max > 1 ? `The first ${allowance.max} will be uploaded; remove one to choose another.` : null}
        </p>
      ) : null}
      <ul aria-label="Chosen videos" className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white">
        {entries.map((entry) => {
          const facts = [formatBytes(entry.file.size), entry.metadata?.durationSec != null ? formatDuration(entry.metadata.durationSec) : null].filter(Boolean);
          const verdict = !entry.checked ? "Checking…" : entry.problem ? entry.problem : taken.has(entry.key) ? "Ready to upload" : "Not this time: over the plan's limit";
          const ok = entry.checked && !entry.problem && taken.has(entry.key);
          return (
            <li key={entry.key} aria-label={entry.file.name} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div className="min-w-0">
                <p className="font-medium break-all text-zinc-900">{entry.file.name}</p>
                <p className="text-sm text-zinc-500">{facts.join(" · ")}</p>
              </div>
              <div className="flex items-center gap-3">
                <p className={`text-sm ${ok ? "text-emerald-800" : entry.checked ? "text-red-800" : "text-zinc-600"}`}>{verdict}</p>
                <button type="button" className={buttonClass("ghost")} onClick={() => setEntries((all) => all.filter((e) => e.key !== entry.key))}>
                  Remove <span className="sr-only">{entry.file.name}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className={buttonClass("primary", "px-6 py-3 text-base")}
        disabled={!allChecked || taken.size === 0}
        onClick={() => setUploading(entries.filter((e) => taken.has(e.key)))}
      >
        {allChecked ? `Upload ${taken.size} ${taken.size === 1 ? "video" : "videos"}` : "Checking the videos…"}
      </button>
    </section>
  );
}
