"use client";

import { useQuery } from "@tanstack/react-query";
import { TIERS } from "~/core/tiers";
import { useTRPC } from "~/trpc/react";
import { retryUnlessFinal } from "../api/api-errors";
import { formatDay } from "./billing-format";

const FREE_DAYS = Math.round(TIERS.free.retentionHours / 24);

/**
 * Warns, before and after a cancellation, what ending Pro does to what the viewer has made:
 * nothing is deleted early (each video keeps the date it was given), and these are the dates.
 */
export function RetentionOutlook({ proEnds }: { proEnds: string | null }) {
  const trpc = useTRPC();
  const outlook = useQuery(trpc.billing.retentionOutlook.queryOptions(undefined, { retry: retryUnlessFinal, refetchOnMount: "always" }));
  const after = `What you make after ${proEnds ?? "Pro ends"} is kept ${FREE_DAYS} days, as on Free.`;
  if (outlook.isPending) return null;
  if (outlook.isError) return <p className="text-sm text-zinc-600">Ending Pro deletes nothing you have made early. {after}</p>;
  const { videos, first, lastExpiresAt } = outlook.data;
  let kept: string;
  if (videos === 0 || !first || !lastExpiresAt) kept = "you have no saved videos right now.";
  else if (videos === 1) kept = `your video “${first.name}” and its frames stay until ${formatDay(first.expiresAt)}.`;
  else kept = `your ${videos} videos and their frames stay until their own dates: the first, “${first.name}”, on ${formatDay(first.expiresAt)}, the last on ${formatDay(lastExpiresAt)}.`;
  return (
    <p className="text-sm text-zinc-600" data-testid="retention-outlook">
      Ending Pro deletes nothing early: {kept} {after}
    </p>
  );
}
