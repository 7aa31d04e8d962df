import { describe, expect, it } from "vitest";
import { statusPollMs } from "~/app/_components/status-poll";

describe("how often a job's page asks for its status", () => {
  it("asks every second while the job waits or scans, more often while its picks render, and stops once it ended", () => {
    expect(statusPollMs({ status: "queued", stage: "queued" })).toBe(1000);
    expect(statusPollMs({ status: "running", stage: "sampling" })).toBe(1000);
    const finishing = statusPollMs({ status: "running", stage: "rendering" });
    expect(finishing).not.toBe(false);
    expect(finishing).toBeLessThan(500);
    for (const status of ["done", "failed", "cancelled"] as const) expect(statusPollMs({ status, stage: "done" })).toBe(false);
    expect(statusPollMs(undefined)).toBe(false);
  });
});
