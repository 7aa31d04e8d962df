"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";
import type { JobView } from "../api/api-types";
import { isActive } from "./status-poll";

/**
 * "Tell me when it's done": a browser notification when a job this page watched ends while the
 * visitor looks elsewhere. Asked for once (a click, as browsers require), kept in this browser.
 */
const OPT_IN_KEY = "frame-picker:notify-when-done";
const listeners = new Set<() => void>();

export type NoticeState = "unsupported" | "blocked" | "off" | "on";

function readState(): NoticeState {
  if (typeof window === "undefined" || !("Notification" in window)) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return Notification.permission === "granted" && localStorage.getItem(OPT_IN_KEY) === "1" ? "on" : "off";
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** The visitor's choice as this browser holds it; "unsupported" on the server. */
export function useNoticeState(): NoticeState {
  return useSyncExternalStore(subscribe, readState, () => "unsupported");
}

/** Turns notices on (asking the browser's permission the first time) or off. */
export async function setNotices(on: boolean): Promise<void> {
  if (on && (await Notification.requestPermission()) !== "granted") {
    localStorage.removeItem(OPT_IN_KEY);
  } else if (on) {
    localStorage.setItem(OPT_IN_KEY, "1");
  } else {
    localStorage.removeItem(OPT_IN_KEY);
  }
  for (const listener of listeners) listener();
}

/** What the notice says for a job that has just ended; null for one the visitor cancelled. */
export function noticeFor(job: Pick<JobView, "status" | "errorReason" | "video">): { title: string; body: string } | null {
  if (job.status === "done") return { title: "Your frames are ready", body: `The best frames of ${job.video.name} are waiting for you.` };
  if (job.status === "failed") return { title: "We could not pick frames", body: job.errorReason ?? `Something went wrong with ${job.video.name}.` };
  return null;
}

/**
 * Notifies once when the watched job goes from queued or running to an end, if notices are on
 * and the page is not what the visitor is looking at (then the page itself says it).
 */
export function useJobEndNotice(job: JobView | undefined): void {
  const state = useNoticeState();
  const wasActive = useRef(false);
  useEffect(() => {
    if (!job) return;
    const endedNow = wasActive.current && !isActive(job.status);
    wasActive.current = isActive(job.status);
    if (!endedNow || state !== "on" || (document.visibilityState === "visible" && document.hasFocus())) return;
    const notice = noticeFor(job);
    if (!notice) return;
    const shown = new Notification(notice.title, { body: notice.body, icon: "/icons/icon-192.png", tag: `job-${job.id}` });
    shown.onclick = () => {
      window.focus();
      shown.close();
    };
  }, [job, state]);
}
