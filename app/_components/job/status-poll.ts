import type { JobStatus, JobView } from "../api/api-types";

/** Still waiting for a worker or running: its page keeps asking. */
export const isActive = (status: JobStatus | undefined) => status === "queued" || status === "running";

/**
 * How often a job's page asks for its status: every second while it waits and scans, more often
 * in its last stretch (its picks rendering, or less than FINISHING_WITHIN_MS left at its own pace),
 * so the results show soon after they exist without a request every few hundred milliseconds for
 * the whole job. (The pace is from the first attempt's start: after a retry it errs long, and
 * the page keeps its usual rate until rendering.)
 */
const STATUS_POLL_MS = 1000;
const FINISHING_POLL_MS = 300;
const FINISHING_WITHIN_MS = 2 * STATUS_POLL_MS;
export function statusPollMs(job: Pick<JobView, "status" | "stage" | "remainingMs"> | undefined): number | false {
  if (!isActive(job?.status)) return false;
  const finishing = job?.stage === "rendering" || (job?.remainingMs != null && job.remainingMs < FINISHING_WITHIN_MS);
  return finishing ? FINISHING_POLL_MS : STATUS_POLL_MS;
}
