import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { JOB_TIMING, jobBudgetSec, MAX_DELIVERIES, retryDelaySec, scaledJobTiming } from "~/core/job-timing";
import { JobTimedOut, startWatchdog } from "~/worker/job-watchdog";
import { queueArnOf, queueNameOf } from "~/worker/message-visibility";

describe("the job timing policy", () => {
  it("brings every retry of a job back within two minutes, later ones later", () => {
    const delays = Array.from({ length: MAX_DELIVERIES - 1 }, (_, i) => retryDelaySec(JOB_TIMING, i + 1));
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(new Set(delays).size).toBe(delays.length);
    expect(Math.max(...delays)).toBeLessThanOrEqual(120);
    // Past the table the last step repeats; nonsense counts read as the first failure.
    expect(retryDelaySec(JOB_TIMING, 99)).toBe(delays.at(-1));
    expect(retryDelaySec(JOB_TIMING, 0)).toBe(delays[0]);
  });

  it("renews a running job's message well before it would reappear, and hands a dead worker's job back within two minutes", () => {
    for (const timing of [JOB_TIMING, scaledJobTiming(0.05)]) {
      expect(timing.heartbeatSec * 2).toBeLessThanOrEqual(timing.runningVisibilitySec);
    }
    // The message reappears within this; a poll (up to 20 s) and a worker's start must fit too.
    expect(JOB_TIMING.runningVisibilitySec).toBeLessThanOrEqual(60);
  });

  it("scales to whole seconds for tests, never to zero", () => {
    const fast = scaledJobTiming(0.05);
    expect(fast.retryBackoffSec).toEqual(JOB_TIMING.retryBackoffSec.map((s) => Math.max(1, Math.round(s * 0.05))));
    expect(scaledJobTiming(0.001).heartbeatSec).toBe(1);
    expect(scaledJobTiming(1)).toEqual(JOB_TIMING);
  });
});

describe("queue names", () => {
  it("match a record's ARN to the queue URL the worker was given, on AWS and on the emulator", () => {
    const aws = "https://sqs.eu-west-1.amazonaws.com/123456789012/prod-framepicker-jobs";
    expect(queueArnOf(aws, "eu-west-1")).toBe("arn:aws:sqs:eu-west-1:123456789012:prod-framepicker-jobs");
    expect(queueNameOf("arn:aws:sqs:eu-west-1:123456789012:prod-framepicker-jobs")).toBe(queueNameOf(aws));
    expect(queueNameOf(queueArnOf("http://127.0.0.1:4566/000000000000/frame-picker-jobs", "us-east-1"))).toBe("frame-picker-jobs");
  });
});

describe("an attempt's budget", () => {
  it("grows with the video's length and frame size", () => {
    const hd = jobBudgetSec(JOB_TIMING, { durationSec: 60, width: 1920, height: 1080 });
    expect(jobBudgetSec(JOB_TIMING, { durationSec: 600, width: 1920, height: 1080 })).toBeGreaterThan(hd * 3);
    expect(jobBudgetSec(JOB_TIMING, { durationSec: 60, width: 3840, height: 2160 })).toBeGreaterThan(hd * 1.5);
    // Small videos are not squeezed below the 1080p rate: decoding has fixed costs.
    expect(jobBudgetSec(JOB_TIMING, { durationSec: 60, width: 320, height: 240 })).toBe(hd);
  });
});

describe("the watchdog", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const timing = { ...JOB_TIMING, startBudgetSec: 100, stallSec: 20 };

  it("aborts an attempt past its budget, and says so", async () => {
    const abort = new AbortController();
    const dog = startWatchdog(abort, timing, Number.POSITIVE_INFINITY);
    const expired = expect(dog.expired).rejects.toBeInstanceOf(JobTimedOut);
    dog.setBudget(50);
    await vi.advanceTimersByTimeAsync(49_000);
    expect(abort.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(abort.signal.reason).toBeInstanceOf(JobTimedOut);
    await expired;
    dog.dispose();
  });

  it("never lets the budget reach past the hard limit (the Lambda's remaining time)", async () => {
    const abort = new AbortController();
    const dog = startWatchdog(abort, timing, 30_000);
    dog.setBudget(500);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(abort.signal.aborted).toBe(true);
    dog.dispose();
  });

  it("aborts when progress stops moving, not while it moves", async () => {
    const abort = new AbortController();
    const dog = startWatchdog(abort, timing, Number.POSITIVE_INFINITY);
    dog.setBudget(10_000);
    for (let i = 0; i < 10; i++) {
      dog.progressed();
      await vi.advanceTimersByTimeAsync(15_000);
    }
    expect(abort.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(25_000);
    expect(abort.signal.reason).toBeInstanceOf(JobTimedOut);
    expect((abort.signal.reason as Error).message).toMatch(/no progress/);
    dog.dispose();
  });
});
