"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { MAX_OPEN_SHARE_LINKS, SHARE_LINK_DAYS, type ShareLinkDays } from "~/core/share-links";
import { useTRPC } from "~/trpc/react";
import { errorMessageOf, retryUnlessFinal } from "../api/api-errors";
import { buttonClass } from "../ui/button-styles";
import { formatDateTime } from "../ui/format";

const DAY_MS = 24 * 3_600_000;

/**
 * The owner's share links for a finished job: make one (for a day, a week, or as long as the
 * frames are kept), copy it, turn it off.
 */
export function SharePanel({ jobId, jobExpiresAt }: { jobId: string; jobExpiresAt: Date }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const links = useQuery(trpc.share.list.queryOptions({ jobId }, { retry: retryUnlessFinal }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.share.list.queryKey({ jobId }) });
  const create = useMutation(trpc.share.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.share.revoke.mutationOptions({ onSuccess: refresh }));
  // Only the choices that end before the frames do; "as long as kept" is always there.
  const [now] = useState(() => Date.now());
  const dayChoices = SHARE_LINK_DAYS.filter((days) => now + days * DAY_MS < jobExpiresAt.getTime());
  const [days, setDays] = useState<ShareLinkDays | null>(dayChoices[0] ?? null);
  const open = links.data?.links ?? [];

  return (
    <section aria-labelledby="share-heading" className="rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6">
      <h2 id="share-heading" className="text-lg font-semibold text-zinc-900">
        Share these frames
      </h2>
      <p className="mt-1 text-sm text-zinc-600">
        Anyone with a link can see and download these frames, and nothing else of yours, until it ends or you turn it off.
      </p>
      <form
        className="mt-4 flex flex-col gap-4 sm:flex-row sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ jobId, days });
        }}
      >
        <fieldset className="flex flex-wrap gap-x-5 gap-y-2">
          <legend className="mb-2 text-sm font-medium text-zinc-800">The link works for</legend>
          {dayChoices.map((d) => (
            <label key={d} className="flex items-center gap-2 text-sm text-zinc-700">
              <input type="radio" name="share-days" className="accent-indigo-600" checked={days === d} onChange={() => setDays(d)} />
              {d === 1 ? "1 day" : `${d} days`}
            </label>
          ))}
          <label className="flex items-center gap-2 text-sm text-zinc-700">
            <input type="radio" name="share-days" className="accent-indigo-600" checked={days === null} onChange={() => setDays(null)} />
            As long as the frames are kept (until {formatDateTime(jobExpiresAt)})
          </label>
        </fieldset>
        <button type="submit" className={buttonClass("primary", "shrink-0")} disabled={create.isPending || open.length >= MAX_OPEN_SHARE_LINKS}>
          {create.isPending ? "Creating…" : "Create link"}
        </button>
      </form>
      <div role="alert">
        {create.error || revoke.error || links.error ? (
          <p className="mt-3 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {errorMessageOf(create.error ?? revoke.error ?? links.error)}
          </p>
        ) : null}
      </div>
      {open.length > 0 ? (
        <ul aria-label="Working links" className="mt-5 divide-y divide-zinc-100 rounded-lg border border-zinc-200">
          {open.map((link) => (
            <ShareLinkRow key={link.id} path={link.path} expiresAt={link.expiresAt} onRevoke={() => revoke.mutate({ linkId: link.id })} revoking={revoke.isPending} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ShareLinkRow({ path, expiresAt, onRevoke, revoking }: { path: string; expiresAt: Date; onRevoke: () => void; revoking: boolean }) {
  const [copied, setCopied] = useState(false);
  const url = `${window.location.origin}${path}`;
  return (
    <li className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center">
      <input
        readOnly
        value={url}
        aria-label={`Share link, works until ${formatDateTime(expiresAt)}`}
        onFocus={(e) => e.currentTarget.select()}
        className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-xs text-zinc-800"
      />
      <span className="text-xs text-zinc-600">
        until <time dateTime={expiresAt.toISOString()}>{formatDateTime(expiresAt)}</time>
      </span>
      <div className="flex gap-2">
        <button
          type="button"
          className={buttonClass("secondary")}
          onClick={() => void navigator.clipboard.writeText(url).then(() => setCopied(true))}
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" className={buttonClass("dangerOutline")} onClick={onRevoke} disabled={revoking}>
          Turn off
        </button>
      </div>
    </li>
  );
}
