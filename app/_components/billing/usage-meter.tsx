"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { ProgressBar } from "../ui/progress-bar";

const resetDate = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });

/** "resets in 5 h" for a daily allowance, "resets on 1 Dec" for a monthly one. */
export function describeReset(period: "day" | "month", resetsAt: Date, now: Date = new Date()): string {
  if (period === "day") {
    const hours = Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 3_600_000));
    return `resets in ${hours} h`;
  }
  return `resets on ${resetDate.format(resetsAt)}`;
}

/** Used / limit for the viewer's plan, with the reset; `compact` for the line above the drop zone. */
export function UsageMeter({ compact = false }: { compact?: boolean }) {
  const trpc = useTRPC();
  const usage = useQuery(trpc.viewer.usage.queryOptions(undefined, { refetchOnMount: "always" }));
  if (!usage.data) {
    return <div aria-busy="true" className={`animate-pulse rounded bg-zinc-100 ${compact ? "h-5 w-64" : "h-16"}`} />;
  }
  const { used, limit, period, resetsAt } = usage.data;
  const left = Math.max(0, limit - used);
  const periodWord = period === "day" ? "today" : "this month";
  const text = `${used} of ${limit} ${limit === 1 ? "video" : "videos"} ${periodWord}`;
  const reset = describeReset(period, resetsAt);

  if (compact) {
    return (
      <p className="text-sm text-zinc-600" data-testid="usage-meter">
        <span className="font-medium text-zinc-800">{text}</span> · {reset}
      </p>
    );
  }
  return (
    <div className="space-y-2" data-testid="usage-meter">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-medium text-zinc-900">{text}</p>
        <p className="text-sm text-zinc-600">
          {left === 0 ? "None left" : `${left} left`} · {reset}
        </p>
      </div>
      <ProgressBar
        value={limit === 0 ? 1 : used / limit}
        label="Videos used"
        valueText={text}
        tone={left === 0 ? "red" : "indigo"}
      />
    </div>
  );
}
