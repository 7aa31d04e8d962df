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
}

/** Deliveries of a job's message before it is given up (the queues' maxReceiveCount). */
export const MAX_DELIVERIES = 3;

export const JOB_TIMING: JobTiming = {
  retryBackoffSec: [30, 120],
  runningVisibilitySec: 90,
  heartbeatSec: 30,
};

/** Seconds before the delivery after failed delivery `failedDelivery` (1-based). */
export function retryDelaySec(timing: JobTiming, failedDelivery: number): number {
  const steps = timing.retryBackoffSec;
  const index = Math.min(Math.max(1, Math.floor(failedDelivery)), steps.length) - 1;
  return steps[index] ?? 0;
}

/** The same policy with every duration multiplied by `factor` (whole seconds, at least 1): for tests. */
export function scaledJobTiming(factor: number): JobTiming {
  const scale = (sec: number) => Math.max(1, Math.round(sec * factor));
  return {
    retryBackoffSec: JOB_TIMING.retryBackoffSec.map(scale),
    runningVisibilitySec: scale(JOB_TIMING.runningVisibilitySec),
    heartbeatSec: scale(JOB_TIMING.heartbeatSec),
  };
}
