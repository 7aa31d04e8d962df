/** Display formats shared by the flow and My videos. */

import { formatDuration } from "~/core/tiers";

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** `mm:ss.mmm`, e.g. 00:12.340 — the precision the frame file names use. */
export function formatTimestamp(seconds: number): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  const min = Math.floor(totalMs / 60000);
  const sec = Math.floor((totalMs % 60000) / 1000);
  return `${pad(min, 2)}:${pad(sec, 2)}.${pad(totalMs % 1000, 3)}`;
}

/** 0..1 → "87 %". */
export function formatPercent(fraction: number): string {
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)} %`;
}

export function formatRate(bytesPerSecond: number): string {
  const mbps = bytesPerSecond / (1024 * 1024);
  return mbps >= 0.1 ? `${mbps.toFixed(1)} MB/s` : `${Math.max(1, Math.round(bytesPerSecond / 1024))} KB/s`;
}

/** A rough remaining time: "about 40 s left", "about 3 min left". */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 1.5) return "almost done";
  if (seconds < 60) return `about ${Math.ceil(seconds)} s left`;
  return `about ${Math.ceil(seconds / 60)} min left`;
}

export function formatResolution(width: number | null, height: number | null): string | null {
  return width && height ? `${width} × ${height}` : null;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}

export function formatSeconds(seconds: number): string {
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** How long a job took: "4.2 s" under ten seconds, then as durations are written elsewhere ("38 s", "2 min 5 s"). */
export function formatJobTime(ms: number): string {
  const seconds = ms / 1000;
  return seconds < 10 ? `${Math.max(0.1, seconds).toFixed(1)} s` : formatDuration(seconds);
}
