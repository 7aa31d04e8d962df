import type { JobTiming } from "~/core/job-timing";

/** Why an attempt was stopped by its watchdog; the job is retried like any failure on our side. */
export class JobTimedOut extends Error {
  override name = "JobTimedOut";
}

/** Checks for a stall this many times per `stallSec`. */
const STALL_CHECKS = 4;

/**
 * Stops an attempt that runs past its budget or whose progress stops moving (a hung ffmpeg, a
 * stuck download), by aborting its controller: the ffmpeg children die with the signal, and
 * `expired` rejects so the attempt can be handed back even if something never settles. The budget
 * never reaches past `hardLimitMs` (the Lambda's remaining time less a margin), so a job is handed
 * back before the platform kills it.
 */
export function startWatchdog(abort: AbortController, timing: JobTiming, hardLimitMs: number) {
  const startedAt = Date.now();
  let lastProgress = startedAt;
  let watchingStalls = false;
  let fail: (error: JobTimedOut) => void = () => undefined;
  const expired = new Promise<never>((_, reject) => {
    fail = reject;
  });
  expired.catch(() => undefined); // raced by the caller; unobserved when the attempt ends first
  const stop = (why: string) => {
    const error = new JobTimedOut(why);
    fail(error);
    if (!abort.signal.aborted) abort.abort(error);
  };

  let deadline: NodeJS.Timeout | undefined;
  const setBudget = (seconds: number) => {
    clearTimeout(deadline);
    const ms = Math.max(0, Math.min(startedAt + seconds * 1000, startedAt + hardLimitMs) - Date.now());
    deadline = setTimeout(() => stop(`the attempt ran past its budget of ${Math.round(ms / 1000)} s`), ms);
  };
  setBudget(timing.startBudgetSec);
  const stalls = setInterval(() => {
    if (watchingStalls && Date.now() - lastProgress > timing.stallSec * 1000) stop(`no progress for ${timing.stallSec} s`);
  }, (timing.stallSec * 1000) / STALL_CHECKS);

  return {
    /** Rejects with JobTimedOut when the watchdog stops the attempt. */
    expired,
    /** The attempt's whole budget, from its start, once the video is known. */
    setBudget,
    /** Progress moved; the first call starts the stall watch (a download reports none). */
    progressed() {
      watchingStalls = true;
      lastProgress = Date.now();
    },
    dispose() {
      clearTimeout(deadline);
      clearInterval(stalls);
    },
  };
}
