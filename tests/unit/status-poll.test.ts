import { describe, expect, it } from "vitest";
import { statusPollMs } from "~/app/_components/job/status-poll";
import { remainingAtPace } from "~/core/processing-rates";

describe("how often a job's page asks for its status", () => {
  it("asks every second while the job waits or scans, more often in its last stretch, and stops once it ended", () => {
    expect(statusPollMs({ status: "queued", stage: "queued", remainingMs: null })).toBe(1000);
    expect(statusPollMs({ status: "running", stage: "sampling", remainingMs: null })).toBe(1000);
    expect(statusPollMs({ status: "running", stage: "sampling", remainingMs: 8000 })).toBe(1000);
    for (const job of [
      { status: "running", stage: "rendering", remainingMs: null },
      { status: "running", stage: "sampling", remainingMs: 1500 },
    ] as const) {
      const finishing = statusPollMs(job);
      expect(finishing).not.toBe(false);
      expect(finishing).toBeLessThan(500);
    }
    for (const status of ["done", "failed", "cancelled"] as const) expect(statusPollMs({ status, stage: "done", remainingMs: null })).toBe(false);
    expect(statusPollMs(undefined)).toBe(false);
  });
});

describe("a running job's time left at its own pace", () => {
  it("is what the progress so far took, scaled to what is left; unknown before the pace shows", () => {
    expect(remainingAtPace(3000, 0.6)).toBe(2000);
    expect(remainingAtPace(3000, 0.25)).toBe(9000);
    expect(remainingAtPace(1000, 1)).toBe(0);
    expect(remainingAtPace(400, 0.01)).toBeNull();
    expect(remainingAtPace(400, 0)).toBeNull();
  });
});
