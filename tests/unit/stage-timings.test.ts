import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { formatJobTime } from "~/app/_components/ui/format";
import { JOB_METRICS, stageTimingsSchema } from "~/core/stage-timings";
import { jobLogLine } from "~/worker/job-log";
import type { FaceDetector } from "~/worker/picker/types";
import { startStageClock, timedFaceDetector } from "~/worker/stage-clock";

describe("the stage clock", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["performance", "setTimeout"] }));
  afterEach(() => vi.useRealTimers());

  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("adds up a stage met several times, keeps stages apart, and times the whole from its start", async () => {
    const clock = startStageClock();
    clock.add("queueWait", 1500);
    for (let i = 0; i < 3; i++) {
      const grab = clock.time("grab", () => wait(200));
      await vi.advanceTimersByTimeAsync(200);
      await grab;
    }
    const upload = clock.time("upload", () => wait(50));
    await vi.advanceTimersByTimeAsync(50);
    await upload;

    const timings = clock.read();
    expect(timings.stagesMs).toEqual({ queueWait: 1500, grab: 600, upload: 50 });
    // The queue's wait came before the claim: not part of the attempt's own time.
    expect(timings.totalMs).toBe(650);
    expect(stageTimingsSchema.parse(timings)).toEqual(timings);
  });

  it("counts a stage that failed, and passes the failure on", async () => {
    const clock = startStageClock();
    const failing = clock.time("download", async () => {
      await wait(300);
      throw new Error("S3 said no");
    });
    const failed = expect(failing).rejects.toThrow("S3 said no");
    await vi.advanceTimersByTimeAsync(300);
    await failed;
    expect(clock.read().stagesMs.download).toBe(300);
  });

  it("times a face detector's calls, eyes included, and returns what it found", async () => {
    const clock = startStageClock();
    const box = { x: 1, y: 2, width: 3, height: 4, score: 0.9 };
    const detector: FaceDetector = {
      detect: async () => {
        await wait(40);
        return [box];
      },
      readEyes: async () => {
        await wait(10);
        return { open: 1, ratio: 0.3 };
      },
    };
    const timed = timedFaceDetector(detector, clock);
    const found = timed.detect(new Uint8Array(4), 2, 2);
    await vi.advanceTimersByTimeAsync(40);
    expect(await found).toEqual([box]);
    const eyes = timed.readEyes!(new Uint8Array(4), 2, 2, box);
    await vi.advanceTimersByTimeAsync(10);
    expect(await eyes).toEqual({ open: 1, ratio: 0.3 });
    expect(clock.read().stagesMs.faces).toBe(50);
    // A detector that reads no eyes stays one.
    expect(timedFaceDetector({ detect: detector.detect }, clock).readEyes).toBeUndefined();
  });
});

describe("a job's log line", () => {
  const facts = {
    jobId: "0b7c2f3e-6c1a-4c55-9d8e-2f9a4a3e8b11",
    attempt: 1,
    video: { durationSec: 60, width: 1920, height: 1080, codec: "h264" },
    settings: { mode: "profile" as const, quality: "balanced" as const, count: 3, minIntervalSec: 2, format: "jpeg" as const },
    frames: 3,
    timings: { stagesMs: { download: 120, scan: 2400, commit: 8 }, totalMs: 4200 },
  };

  it("is one JSON line that CloudWatch reads as the job's metrics (embedded metric format)", () => {
    const line = jobLogLine(facts, 1_700_000_000_000);
    expect(line).not.toContain("\n");
    const parsed = JSON.parse(line) as Record<string, unknown> & {
      _aws: { Timestamp: number; CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
    };
    const [directive] = parsed._aws.CloudWatchMetrics;
    expect(parsed._aws.Timestamp).toBe(1_700_000_000_000);
    expect(directive!.Namespace).toBe(JOB_METRICS.namespace);
    // Every metric and dimension it names is a member of the line, as the format requires.
    const names = directive!.Metrics.map((m) => m.Name);
    expect(names).toEqual([JOB_METRICS.jobDuration, "downloadDuration", "scanDuration", "commitDuration"]);
    for (const name of names) expect(typeof parsed[name]).toBe("number");
    for (const key of directive!.Dimensions.flat()) expect(typeof parsed[key]).toBe("string");
    expect(parsed[JOB_METRICS.jobDuration]).toBe(4200);
    expect(parsed.Quality).toBe("balanced");
    // And what a person reading the log wants: which job, which video, which settings.
    expect(parsed).toMatchObject({ event: "job-done", jobId: facts.jobId, video: facts.video, settings: facts.settings, timings: facts.timings });
  });
});

describe("a job's time on the results page", () => {
  it("reads as a person would say it", () => {
    expect(formatJobTime(4210)).toBe("4.2 s");
    expect(formatJobTime(12)).toBe("0.1 s");
    expect(formatJobTime(38_400)).toBe("38 s");
    expect(formatJobTime(125_000)).toBe("2 min 5 s");
  });
});
