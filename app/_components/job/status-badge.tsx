import type { JobStatus, VideoListItem } from "../api/api-types";

type BadgeStatus = JobStatus | VideoListItem["status"];

const LOOKS: Record<BadgeStatus, { label: string; className: string }> = {
  queued: { label: "Queued", className: "bg-zinc-100 text-zinc-700 ring-zinc-300" },
  running: { label: "Processing", className: "bg-indigo-50 text-indigo-700 ring-indigo-200" },
  done: { label: "Done", className: "bg-emerald-50 text-emerald-700 ring-emerald-200" },
  failed: { label: "Failed", className: "bg-red-50 text-red-700 ring-red-200" },
  cancelled: { label: "Cancelled", className: "bg-zinc-100 text-zinc-600 ring-zinc-300" },
  uploading: { label: "Uploading", className: "bg-amber-50 text-amber-800 ring-amber-200" },
  uploaded: { label: "Uploaded", className: "bg-emerald-50 text-emerald-700 ring-emerald-200" },
  rejected: { label: "Rejected", className: "bg-red-50 text-red-700 ring-red-200" },
};

export function StatusBadge({ status }: { status: BadgeStatus }) {
  const look = LOOKS[status];
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.className}`}
    >
      {look.label}
    </span>
  );
}
