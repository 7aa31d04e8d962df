import { describe, expect, it } from "vitest";
import { withJobSpan, type TraceSpan } from "~/worker/tracing";

function recordingSpan() {
  const calls: string[] = [];
  const span: TraceSpan = {
    addAnnotation: (k, v) => calls.push(`annotate ${k}=${String(v)}`),
    addError: (e) => calls.push(`error ${e instanceof Error ? e.message : e}`),
    close: () => calls.push("close"),
  };
  return { calls, open: (name: string) => (calls.push(`open ${name}`), span) };
}

describe("a job's trace span", () => {
  it("carries the job id and is closed when the job ends", async () => {
    const { calls, open } = recordingSpan();
    await expect(withJobSpan("job-123", async () => "ack", open)).resolves.toBe("ack");
    expect(calls).toEqual(["open job", "annotate jobId=job-123", "close"]);
  });

  it("records the error and still closes when the job throws", async () => {
    const { calls, open } = recordingSpan();
    await expect(withJobSpan("job-9", () => Promise.reject(new Error("db down")), open)).rejects.toThrow("db down");
    expect(calls).toEqual(["open job", "annotate jobId=job-9", "error db down", "close"]);
  });

  it("runs the job untraced outside a traced Lambda", async () => {
    delete process.env.AWS_XRAY_DAEMON_ADDRESS;
    await expect(withJobSpan("job-1", async () => 42)).resolves.toBe(42);
  });
});
