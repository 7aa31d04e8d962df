import { describe, expect, it } from "vitest";
import { JOB_TIMING, MAX_DELIVERIES, retryDelaySec, scaledJobTiming } from "~/core/job-timing";
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
    expect(JOB_TIMING.runningVisibilitySec).toBeLessThanOrEqual(120);
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
