"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { scoreNear } from "~/core/timeline";
import { useTRPC } from "~/trpc/react";
import { fullErrorMessageOf, retryUnlessFinal } from "../api/api-errors";
import type { JobTimelineView } from "../api/api-types";
import { buttonClass } from "../ui/button-styles";
import { formatPercent, formatTimestamp } from "../ui/format";
import { SIGNED_URL_REFRESH_MS } from "./signed-url-refresh";

const WIDTH = 1000;
const HEIGHT = 72;
/** When the container gives no frame rate, arrows step by what most video has. */
const FALLBACK_FPS = 30;

/**
 * The whole video under the picks: how good each moment looked to the analysis, where the picks
 * are, and a preview of any moment. Drag along it, or step a frame at a time with the arrow keys
 * (a second with Shift), and add the moment to the picks.
 */
export function MomentTimeline({ jobId }: { jobId: string }) {
  const trpc = useTRPC();
  const timeline = useQuery(
    trpc.job.timeline.queryOptions({ jobId }, { staleTime: SIGNED_URL_REFRESH_MS, refetchInterval: SIGNED_URL_REFRESH_MS, retry: retryUnlessFinal }),
  );
  if (!timeline.data) return null;
  return <TimelineView jobId={jobId} timeline={timeline.data} />;
}

function TimelineView({ jobId, timeline }: { jobId: string; timeline: JobTimelineView }) {
  const { durationSec, points, picks } = timeline;
  const fps = timeline.fps ?? FALLBACK_FPS;
  const frameSec = 1 / fps;
  const [time, setTime] = useState(() => picks[0]?.timestampSec ?? 0);
  const video = useRef<HTMLVideoElement>(null);
  const ids = { label: useId(), readout: useId() };
  // Opened to choose a moment ("Choose it myself"): the timeline, not the gallery, has the focus.
  const chooseHere = useSearchParams().get("choose") === "1";
  const slider = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!chooseHere) return;
    slider.current?.scrollIntoView({ block: "center" });
    slider.current?.focus({ preventScroll: true });
  }, [chooseHere]);

  useEffect(() => {
    const player = video.current;
    if (player && Math.abs(player.currentTime - time) > frameSec / 4) player.currentTime = time;
  }, [time, frameSec]);

  const clamp = (t: number) => Math.min(durationSec, Math.max(0, t));
  const x = (t: number) => (t / Math.max(durationSec, 1e-3)) * WIDTH;
  const y = (score: number) => HEIGHT - 4 - score * (HEIGHT - 8);
  const curve = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.t).toFixed(1)},${y(p.score).toFixed(1)}`).join(" ");
  const scoreHere = scoreNear(points, time);

  const fromPointer = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    setTime(clamp(Math.round((((e.clientX - box.left) / box.width) * durationSec) / frameSec) * frameSec));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // The slider steps a frame by itself; Shift makes it a second.
    if (!e.shiftKey || (e.key !== "ArrowLeft" && e.key !== "ArrowRight")) return;
    e.preventDefault();
    setTime((t) => clamp(t + (e.key === "ArrowRight" ? 1 : -1)));
  };

  return (
    <section aria-labelledby={ids.label} className="space-y-3">
      <div>
        <h2 id={ids.label} className="text-lg font-semibold text-zinc-900">
          Every moment
        </h2>
        <p className="text-sm text-zinc-600">How good each moment looked to us, with the picks marked. Drag along it, or step a frame at a time with the arrow keys.</p>
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-2">
          <svg
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            preserveAspectRatio="none"
            className="h-20 w-full cursor-ew-resize touch-none rounded-lg border border-zinc-200 bg-white"
            aria-hidden="true"
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture(e.pointerId);
              fromPointer(e);
            }}
            onPointerMove={(e) => {
              if (e.buttons & 1) fromPointer(e);
            }}
          >
            <path d={`${curve} L${x(points.at(-1)?.t ?? 0)},${HEIGHT} L${x(points[0]?.t ?? 0)},${HEIGHT} Z`} className="fill-indigo-100" />
            <path d={curve} className="fill-none stroke-indigo-500" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
            {picks.map((pick) => (
              <line key={pick.rank} x1={x(pick.timestampSec)} x2={x(pick.timestampSec)} y1={0} y2={HEIGHT} className="stroke-amber-500" strokeWidth={2} vectorEffect="non-scaling-stroke" />
            ))}
            <line x1={x(time)} x2={x(time)} y1={0} y2={HEIGHT} className="stroke-zinc-900" strokeWidth={2} vectorEffect="non-scaling-stroke" />
          </svg>
          <input
            ref={slider}
            type="range"
            min={0}
            max={durationSec}
            step={frameSec}
            value={time}
            onChange={(e) => setTime(clamp(Number(e.target.value)))}
            onKeyDown={onKeyDown}
            aria-label="Moment in the video"
            aria-describedby={ids.readout}
            aria-valuetext={`${formatTimestamp(time)}, score ${scoreHere === null ? "unknown" : formatPercent(scoreHere)}`}
            className="w-full accent-indigo-600"
          />
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-zinc-600">Go to pick</span>
            {picks.map((pick) => (
              <button
                key={pick.rank}
                type="button"
                onClick={() => setTime(pick.timestampSec)}
                className="rounded-full border border-amber-300 bg-amber-50 px-2.5 py-0.5 text-xs font-medium text-amber-900 hover:bg-amber-100"
              >
                #{pick.rank} · {formatTimestamp(pick.timestampSec)}
              </button>
            ))}
          </div>
        </div>
        <figure className="space-y-2">
          <video ref={video} src={timeline.sourceUrl} muted playsInline preload="auto" className="aspect-video w-full rounded-lg bg-zinc-900 object-contain" aria-describedby={ids.readout} />
          <figcaption id={ids.readout} className="text-sm text-zinc-700">
            <span className="font-medium tabular-nums text-zinc-900">{formatTimestamp(time)}</span>
            {scoreHere === null ? null : <span> · score {formatPercent(scoreHere)}</span>}
          </figcaption>
          <AddMoment jobId={jobId} timestampSec={time} />
        </figure>
      </div>
    </section>
  );
}


/**
 * "Add this moment": the worker renders it from the source like any pick. While it works the
 * request is listed; when it is done the gallery and the timeline are fetched again with it.
 */
function AddMoment({ jobId, timestampSec }: { jobId: string; timestampSec: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const moments = useQuery(
    trpc.job.moments.queryOptions({ jobId }, { refetchInterval: (q) => (q.state.data?.moments.some((m) => m.status === "queued") ? MOMENT_POLL_MS : false) }),
  );
  const add = useMutation(trpc.job.addMoment.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.job.moments.queryKey({ jobId }) }) }));
  const waiting = moments.data?.moments.filter((m) => m.status === "queued").length ?? 0;
  const failed = moments.data?.moments.filter((m) => m.status === "failed") ?? [];
  // Fewer waiting than before means more frames (or failures): fetch the gallery and the picks again.
  const wasWaiting = useRef(0);
  useEffect(() => {
    if (waiting < wasWaiting.current) {
      void queryClient.invalidateQueries({ queryKey: trpc.job.frames.queryKey({ jobId }) });
      void queryClient.invalidateQueries({ queryKey: trpc.job.timeline.queryKey({ jobId }) });
    }
    wasWaiting.current = waiting;
  }, [waiting, queryClient, trpc, jobId]);
  return (
    <div className="space-y-2">
      <button type="button" className={buttonClass("primary", "w-full")} disabled={add.isPending} onClick={() => add.mutate({ jobId, timestampSec })}>
        {add.isPending ? "Adding…" : `Add ${formatTimestamp(timestampSec)} to the picks`}
      </button>
      <div role="status" className="space-y-1 text-sm">
        {waiting > 0 ? <p className="text-zinc-700">Rendering {waiting === 1 ? "your moment" : `${waiting} moments`} from the video…</p> : null}
        {failed.map((m) => (
          <p key={m.id} className="text-red-800">
            {formatTimestamp(m.timestampSec)}: {m.errorReason}
          </p>
        ))}
      </div>
      {add.error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {fullErrorMessageOf(add.error)}
        </p>
      ) : null}
    </div>
  );
}

const MOMENT_POLL_MS = 1_000;
