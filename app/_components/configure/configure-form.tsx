"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { z } from "zod";
import {
  DEFAULT_PICK_PARAMS,
  type PickParams,
  MAX_INTERVAL_SEC,
  MIN_INTERVAL_SEC,
  pickParamsSchema,
  type PickMode,
  type PickQuality,
} from "~/core/pick-params";
import { formatBytes, formatDuration, TIERS, type OutputFormat, type TierLimits } from "~/core/tiers";
import { useTRPC } from "~/trpc/react";
import { errorCodeOf, errorMessageOf, fieldErrorsOf, type FieldErrors } from "../api/api-errors";
import type { ReadyVideo } from "../api/api-types";
import { buttonClass } from "../ui/button-styles";
import { FieldError } from "../ui/field-error";
import { FormatOptions } from "./format-options";
import { formatSeconds } from "../ui/format";
import { ModeOptions } from "./mode-options";
import { NotifyWhenDone } from "../job/notify-when-done";
import { describeEstimate } from "./processing-estimate";
import { QualityOptions } from "./quality-options";
import { useFocusOnMount } from "../ui/use-focus-on-mount";

/**
 * The configure step: how to pick, then "Find best frames" creates the job, one per video when
 * several were uploaded together (the same settings for all).
 */
export function ConfigureForm({
  videos,
  tier,
  justUploaded,
  onJobsCreated,
  onChooseMyself,
  onChooseAnother,
}: {
  videos: readonly ReadyVideo[];
  tier: TierLimits;
  justUploaded: boolean;
  onJobsCreated: (jobIds: string[]) => void;
  /** One video only: its job's page opens on the timeline, for someone who knows the moment. */
  onChooseMyself?: (jobId: string) => void;
  onChooseAnother: () => void;
}) {
  const trpc = useTRPC();
  const { mutateAsync: createJob } = useMutation(trpc.job.create.mutationOptions());
  // Jobs already started when a later video's was refused: shown with the refusal, not lost.
  const [started, setStarted] = useState<string[]>([]);
  const create = useMutation({
    // One job per video, in order; the first refusal stops the rest and names its video.
    mutationFn: async (settings: PickParams & { format: OutputFormat }) => {
      const jobIds: string[] = [];
      setStarted(jobIds);
      for (const video of videos) {
        try {
          jobIds.push((await createJob({ videoId: video.videoId, ...settings })).jobId);
        } catch (error) {
          if (videos.length > 1 && error instanceof Error) error.message = `${video.name}: ${error.message}`;
          setStarted([...jobIds]);
          throw error;
        }
      }
      return { jobIds };
    },
  });
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const ids = { count: useId(), interval: useId(), errors: useId() };

  const [mode, setMode] = useState<PickMode>(DEFAULT_PICK_PARAMS.mode);
  const [quality, setQuality] = useState<PickQuality>(DEFAULT_PICK_PARAMS.quality);
  const [countText, setCountText] = useState(String(Math.min(DEFAULT_PICK_PARAMS.count, tier.maxFramesPerVideo)));
  const [interval, setIntervalSec] = useState(DEFAULT_PICK_PARAMS.minIntervalSec);
  const [chosenFormat, setFormat] = useState<OutputFormat>("jpeg");
  // A tier that lost a format (Pro lapsed while the form was open) falls back to what it has.
  const format = tier.formats.includes(chosenFormat) ? chosenFormat : "jpeg";
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  // Server field errors are shown until the user submits again.
  const errors: FieldErrors = { ...fieldErrorsOf(create.error), ...clientErrors };
  const errorIdOf = (field: string) => `${ids.errors}-${field}`;
  const generalError = create.error ? errorMessageOf(create.error) : null;
  const quotaUsedUp = errorCodeOf(create.error) === "TOO_MANY_REQUESTS";

  const count = Number(countText);
  const setCount = (n: number) => setCountText(String(Math.min(tier.maxFramesPerVideo, Math.max(1, n))));

  function submit(e: FormEvent) {
    e.preventDefault();
    const params = { mode, quality, count: countText.trim() === "" ? Number.NaN : count, minIntervalSec: interval, format };
    run(params, onJobsCreated);
  }

  /** The quickest job there is (one frame, Fast), whose page then opens on the timeline. */
  function chooseMyself(openTimeline: (jobId: string) => void) {
    run({ mode, quality: "fast", count: 1, minIntervalSec: interval, format }, ([jobId]) => openTimeline(jobId!));
  }

  function run(params: { mode: PickMode; quality: PickQuality; count: number; minIntervalSec: number; format: OutputFormat }, then: (jobIds: string[]) => void) {
    const parsed = pickParamsSchema
      .refine((p) => p.count <= tier.maxFramesPerVideo, {
        path: ["count"],
        message: `The ${tier.label} plan allows up to ${tier.maxFramesPerVideo} frames per video.`,
      })
      .safeParse(params);
    if (!parsed.success) {
      create.reset();
      setClientErrors(z.flattenError(parsed.error).fieldErrors);
      return;
    }
    setClientErrors({});
    create.mutate(parsed.data, { onSuccess: ({ jobIds }) => then(jobIds) });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold tracking-tight text-zinc-900 focus:outline-none">
            Choose how to pick frames
          </h1>
          <p className="mt-1 text-sm text-zinc-600">
            {videos.length > 1
              ? `Your ${videos.length} videos are ready: the settings apply to each.`
              : justUploaded
                ? "Your video is ready."
                : "Same video, new settings: no need to upload it again."}
          </p>
        </div>
        <button type="button" className={buttonClass("ghost")} onClick={onChooseAnother}>
          Choose another video
        </button>
      </div>

      <ul aria-label="Videos" className="space-y-2">
        {videos.map((video) => (
          <li key={video.videoId}>
            <VideoSummary video={video} justUploaded={justUploaded} />
          </li>
        ))}
      </ul>

      <div className="space-y-8 rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8">
        <div>
          <ModeOptions value={mode} onChange={setMode} errorId={errorIdOf("mode")} invalid={!!errors.mode} />
          <FieldError id={errorIdOf("mode")} messages={errors.mode} />
        </div>

        <div>
          <QualityOptions value={quality} onChange={setQuality} errorId={errorIdOf("quality")} invalid={!!errors.quality} />
          <FieldError id={errorIdOf("quality")} messages={errors.quality} />
        </div>

        <div className="grid gap-8 sm:grid-cols-2">
          <div>
            <label htmlFor={ids.count} className="text-sm font-semibold text-zinc-900">
              Number of frames
            </label>
            <p id={`${ids.count}-hint`} className="mt-1 text-sm text-zinc-600">
              The best {count === 1 ? "frame" : `${Number.isFinite(count) ? count : "few"} frames`}, best first. Up to{" "}
              {tier.maxFramesPerVideo} on the {tier.label} plan
              {tier.maxFramesPerVideo < TIERS.pro.maxFramesPerVideo ? ` (${TIERS.pro.maxFramesPerVideo} with Pro)` : ""}.
            </p>
            <div className="mt-3 flex items-center gap-2">
              <StepButton label="One frame fewer" onClick={() => setCount(count - 1)} disabled={!(count > 1)}>
                −
              </StepButton>
              <input
                id={ids.count}
                type="number"
                inputMode="numeric"
                min={1}
                max={tier.maxFramesPerVideo}
                step={1}
                value={countText}
                onChange={(e) => setCountText(e.target.value)}
                aria-invalid={errors.count ? true : undefined}
                aria-describedby={errors.count ? `${ids.count}-hint ${errorIdOf("count")}` : `${ids.count}-hint`}
                className="h-10 w-20 rounded-lg border border-zinc-300 bg-white px-3 text-center text-base tabular-nums text-zinc-900 shadow-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 aria-invalid:border-red-500"
              />
              <StepButton
                label="One frame more"
                onClick={() => setCount(count + 1)}
                disabled={!(count < tier.maxFramesPerVideo)}
              >
                +
              </StepButton>
            </div>
            <FieldError id={errorIdOf("count")} messages={errors.count} />
          </div>

          <div>
            <div className="flex items-baseline justify-between gap-3">
              <label htmlFor={ids.interval} className="text-sm font-semibold text-zinc-900">
                Minimum interval
              </label>
              <output htmlFor={ids.interval} className="text-sm font-medium tabular-nums text-indigo-700">
                {formatSeconds(interval)}
              </output>
            </div>
            <p id={`${ids.interval}-hint`} className="mt-1 text-sm text-zinc-600">
              Picked frames are at least this far apart, so you get different moments.
            </p>
            <input
              id={ids.interval}
              type="range"
              min={MIN_INTERVAL_SEC}
              max={MAX_INTERVAL_SEC}
              step={0.5}
              value={interval}
              onChange={(e) => setIntervalSec(Number(e.target.value))}
              aria-valuetext={`${formatSeconds(interval)}`}
              aria-invalid={errors.minIntervalSec ? true : undefined}
              aria-describedby={
                errors.minIntervalSec ? `${ids.interval}-hint ${errorIdOf("minIntervalSec")}` : `${ids.interval}-hint`
              }
              className="mt-4 w-full accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-600"
            />
            <div aria-hidden="true" className="mt-1 flex justify-between text-xs text-zinc-500">
              <span>{formatSeconds(MIN_INTERVAL_SEC)}</span>
              <span>{formatSeconds(MAX_INTERVAL_SEC)}</span>
            </div>
            <FieldError id={errorIdOf("minIntervalSec")} messages={errors.minIntervalSec} />
          </div>
        </div>

        <div>
          <FormatOptions tier={tier} value={format} onChange={setFormat} errorId={errorIdOf("format")} invalid={!!errors.format} />
          <FieldError id={errorIdOf("format")} messages={errors.format} />
        </div>
      </div>

      <div className="flex flex-col-reverse gap-4 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-zinc-600">
          <span className="font-medium text-zinc-800">Estimated processing time:</span>{" "}
          {videos.length === 1 ? describeEstimate(videos[0]!, quality, mode) : `each video on its own; you will see every one's progress.`}
        </p>
        <button type="submit" className={buttonClass("primary", "px-6 py-3 text-base")} disabled={create.isPending}>
          {create.isPending ? "Starting…" : videos.length > 1 ? `Find best frames in ${videos.length} videos` : "Find best frames"}
        </button>
      </div>
      {onChooseMyself && videos.length === 1 ? (
        <div className="flex flex-col gap-3 rounded-xl border border-zinc-200 bg-zinc-50 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm text-zinc-700">
            <span className="font-medium text-zinc-900">Know the moment you want?</span> We pick one frame quickly, then the whole video is on a timeline
            for you to step through and add the moments you choose.
          </p>
          <button type="button" className={buttonClass("secondary", "shrink-0")} disabled={create.isPending} onClick={() => chooseMyself(onChooseMyself)}>
            Choose it myself
          </button>
        </div>
      ) : null}
      <NotifyWhenDone />
      <div role="alert">
        {generalError ? (
          <p className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            {generalError}
            {quotaUsedUp ? <MoreVideosLink tier={tier} /> : null}
            {started.length > 0 ? (
              <button type="button" className="ml-1 font-medium text-red-900 underline underline-offset-2" onClick={() => onJobsCreated(started)}>
                See the {started.length === 1 ? "one" : started.length} that started
              </button>
            ) : null}
          </p>
        ) : null}
        <FieldError id={errorIdOf("videoId")} messages={errors.videoId} />
      </div>
    </form>
  );
}

/** Where a visitor whose allowance is used up can get more: an account, or Pro. */
function MoreVideosLink({ tier }: { tier: TierLimits }) {
  const link = "ml-1 font-medium text-red-900 underline underline-offset-2";
  if (tier.name === "anonymous") {
    return (
      <Link href="/sign-up" className={link}>
        Create a free account
      </Link>
    );
  }
  if (tier.name === "free") {
    return (
      <Link href="/upgrade" className={link}>
        Upgrade to Pro
      </Link>
    );
  }
  return null;
}

function StepButton({
  label,
  onClick,
  disabled,
  children,
}: {
  label: string;
  onClick: () => void;
  disabled: boolean;
  children: string;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      onClick={onClick}
      disabled={disabled}
      className="grid h-10 w-10 place-items-center rounded-lg border border-zinc-300 bg-white text-lg text-zinc-700 shadow-sm hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-40"
    >
      {children}
    </button>
  );
}

function VideoSummary({ video, justUploaded }: { video: ReadyVideo; justUploaded: boolean }) {
  const details = [
    video.sizeBytes !== null ? formatBytes(video.sizeBytes) : null,
    video.durationSec !== null ? formatDuration(video.durationSec) : null,
  ].filter(Boolean);
  return (
    <div className="flex items-center gap-3 rounded-xl border border-emerald-200 bg-emerald-50 px-4 py-3">
      <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 shrink-0 text-emerald-600" fill="currentColor">
        <path
          fillRule="evenodd"
          d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.86-9.86a.75.75 0 0 0-1.22-.88l-3.3 4.57-1.65-1.65a.75.75 0 1 0-1.06 1.06l2.27 2.27a.75.75 0 0 0 1.14-.09l3.82-5.28Z"
          clipRule="evenodd"
        />
      </svg>
      <p className="min-w-0 text-sm text-emerald-900">
        <span className="font-semibold">{justUploaded ? "Uploaded" : "Ready"}</span>
        <span className="mx-1.5" aria-hidden="true">·</span>
        <span className="break-all">{video.name}</span>
        {details.length > 0 ? <span className="text-emerald-800"> · {details.join(" · ")}</span> : null}
      </p>
    </div>
  );
}
