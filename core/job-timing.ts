/**
 * When a job's message comes back after a failure, in AWS and locally alike. worker/handler.ts
 * applies it to every delivery; the queues in infra/ and scripts/local/ are made from it; the
 * integration tests run the same rules, only faster (`scaledJobTiming`).
 *
 * The queue's own visibility timeout is only a backstop: while a job runs the worker keeps its
 * message invisible a short while at a time (a heartbeat), so a worker that dies (a crash, out of
 * memory, a Lambda timeout) hands the job back within `runningVisibilitySec`; a failed attempt
 * sets the wait before the next one itself, growing with each failure.
 */
export interface JobTiming {
  /** After failed delivery n, the next one comes this many seconds later (the last entry repeats). */
  retryBackoffSec: readonly number[];
  /** While a job runs, its message is hidden for this long at a time... */
  runningVisibilitySec: number;
  /** ...renewed this often, well before it runs out. */
  heartbeatSec: number;
  /** An attempt's time to download and probe its video, before its length is known. */
  startBudgetSec: number;
  /** Then its whole budget: this much, plus `budgetPerVideoSec` per second of 1080p video (jobBudgetSec). */
  baseBudgetSec: number;
  budgetPerVideoSec: number;
  /** An attempt whose progress has not moved for this long is hung: it is stopped and retried. */
  stallSec: number;
  /** On Lambda an attempt is stopped this long before the function's own timeout, to hand its job back. */
  handBackSec: number;
}

/** Deliveries of a job's message before it is given up (the queues' maxReceiveCount). */
export const MAX_DELIVERIES = 3;

/**
 * Times a job is handed back to its queue with a fresh message when its message reached the
 * dead-letter queue while the job was still open. The worker fails a job itself when its last
 * delivery fails in a way it could record, so an open job there means its last delivery died with
 * its worker (killed, out of memory, a Lambda timeout) or could not claim it (the database was
 * down): bad luck, not the job's fault. The cap still ends a job that kills every worker it meets.
 */
export const MAX_HAND_BACKS = 2;

export const JOB_TIMING: JobTiming = {
  retryBackoffSec: [30, 120],
  // A dead worker's job is visible again within 45 s, so with the next poll and a fresh worker it
  // runs again well inside two minutes (`npm run chaos` measures it); a renewal costs one SQS call.
  runningVisibilitySec: 45,
  heartbeatSec: 15,
  startBudgetSec: 300,
  // The slowest preset takes ~0.2 s per second of 1080p on two cores (bench/README.md, section 3, speed): 5× that.
  baseBudgetSec: 120,
  budgetPerVideoSec: 1,
  stallSec: 120,
  handBackSec: 30,
};

/**
 * A running attempt writes to its job at least every `heartbeatSec`; one silent for longer than
 * this died with its worker, and its job is shown as about to be retried (its message is back in
 * the queue by then).
 */
export function attemptPresumedDeadAfterSec(timing: JobTiming): number {
  return timing.runningVisibilitySec + timing.heartbeatSec;
}

/** Pixels of the frame the per-second budget is for; larger videos get proportionally more. */
const BUDGET_FRAME_PIXELS = 1920 * 1080;

/** An attempt's budget for a probed video: generous, so only a hung or runaway job reaches it. */
export function jobBudgetSec(timing: JobTiming, video: { durationSec: number; width: number; height: number }): number {
  const size = Math.max(1, (video.width * video.height) / BUDGET_FRAME_PIXELS);
  return timing.baseBudgetSec + video.durationSec * size * timing.budgetPerVideoSec;
}

/** Seconds before the delivery after failed delivery `failedDelivery` (1-based). */
export function retryDelaySec(timing: JobTiming, failedDelivery: number): number {
  const steps = timing.retryBackoffSec;
  const index = Math.min(Math.max(1, Math.floor(failedDelivery)), steps.length) - 1;
  return steps[index] ?? 0;
}

/**
 * For tests: the policy with the queue's waits (retry delays, a running message's visibility and
 * its heartbeat) multiplied by `factor`, in whole seconds of at least 1. The limits on an
 * attempt's work are left as they are, since tests do real work at real speed.
 */
export function scaledJobTiming(factor: number): JobTiming {
  const scale = (sec: number) => Math.max(1, Math.round(sec * factor));
  return {
    ...JOB_TIMING,
    retryBackoffSec: JOB_TIMING.retryBackoffSec.map(scale),
    runningVisibilitySec: scale(JOB_TIMING.runningVisibilitySec),
    heartbeatSec: scale(JOB_TIMING.heartbeatSec),
  };
}
