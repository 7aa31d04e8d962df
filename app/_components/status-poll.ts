import type { JobStatus, JobView } from "./api-types";

/** Still waiting for a worker or running: its page keeps asking. */
export const isActive = (status: JobStatus | undefined) => status === "queued" || status === "running";

/**
 * How often a job's page asks for its status: every second while it waits and scans, more often
 * once its picks are rendering (its last second or so), so the results show soon after they
 * exist without a request every few hundred milliseconds for the whole job.
 */
const STATUS_POLL_MS = 1000;
const FINISHING_POLL_MS = 300;
export function statusPollMs(job: Pick<JobView, "status" | "stage"> | undefined): number | false {
  if (!isActive(job?.status)) return false;
  return job?.stage === "rendering" ? FINISHING_POLL_MS : STATUS_POLL_MS;
}
