"use client";

import { useState } from "react";
import { setNotices, useNoticeState } from "./job-end-notice";

/** The opt-in for a browser notification when a job ends; nothing where the browser has none. */
export function NotifyWhenDone() {
  const state = useNoticeState();
  const [asking, setAsking] = useState(false);
  if (state === "unsupported") return null;
  if (state === "blocked") {
    return <p className="text-sm text-zinc-600">Notifications are blocked for this site; allow them in your browser&apos;s settings to hear when frames are ready.</p>;
  }
  return (
    <label className="flex w-fit cursor-pointer items-center gap-2 text-sm text-zinc-700">
      <input
        type="checkbox"
        className="h-4 w-4 accent-indigo-600"
        checked={state === "on"}
        disabled={asking}
        onChange={(e) => {
          setAsking(true);
          void setNotices(e.target.checked).finally(() => setAsking(false));
        }}
      />
      Notify me when my frames are ready
    </label>
  );
}
