import { describe, expect, it } from "vitest";
import { describeEstimate, describeTimeLeft } from "~/app/_components/configure/processing-estimate";
import { PICK_QUALITIES } from "~/core/pick-params";
import { estimateJobSeconds, progressSpans } from "~/core/processing-rates";

const at = (width: number | null, height: number | null, quality: "fast" | "balanced" | "best", mode: "profile" | "action", durationSec = 60) =>
  estimateJobSeconds({ durationSec, width, height, quality, mode });

describe("the processing estimate", () => {
  it("brackets what the end-to-end benchmark measured (bench/README.md section 6, 1 s GOP rows)", () => {
    // [width, height, preset, mode, measured job seconds]
    const measured = [
      [1280, 720, "fast", "action", 1.54],
      [1280, 720, "balanced", "profile", 2.15],
      [1280, 720, "best", "profile", 4.25],
      [1920, 1080, "fast", "profile", 2.94],
      [1920, 1080, "balanced", "profile", 3.19],
      [1920, 1080, "balanced", "action", 2.75],
      [1920, 1080, "best", "action", 8.16],
      [3840, 2160, "balanced", "profile", 9.44],
      [3840, 2160, "best", "action", 26.28],
    ] as const;
    for (const [width, height, quality, mode, seconds] of measured) {
      const range = at(width, height, quality, mode);
      expect(range.low, `${height}p ${quality} ${mode}`).toBeLessThanOrEqual(seconds);
      expect(range.high, `${height}p ${quality} ${mode}`).toBeGreaterThanOrEqual(seconds);
    }
  });

  it("grows with the frame's pixels and the video's length, and with the preset's depth", () => {
    expect(at(3840, 2160, "balanced", "profile").high).toBeGreaterThan(at(1920, 1080, "balanced", "profile").high * 2);
    expect(at(1920, 1080, "balanced", "action", 300).low).toBeGreaterThan(at(1920, 1080, "balanced", "action", 60).high);
    expect(at(1920, 1080, "best", "profile").low).toBeGreaterThan(at(1920, 1080, "fast", "profile").high);
  });

  it("is wider when the browser could not read the frame size", () => {
    const unknown = at(null, null, "balanced", "profile");
    const known = at(1920, 1080, "balanced", "profile");
    expect(unknown.low).toBe(known.low);
    expect(unknown.high).toBeGreaterThan(known.high);
  });

  it("reads as a range, or says it depends when the length is unknown", () => {
    expect(describeEstimate({ durationSec: 60, width: 1920, height: 1080 }, "balanced", "profile")).toBe("About 3 s – 5 s");
    expect(describeEstimate({ durationSec: 1800, width: 3840, height: 2160 }, "best", "action")).toMatch(/^About \d+ min – \d+ min$/);
    expect(describeEstimate({ durationSec: null, width: null, height: null }, "fast", "action")).toBe("Depends on the video’s length; you will see live progress.");
  });
});

describe("the time left shown while a job runs", () => {
  it("follows the job's own pace, and says nothing before there is one or once the job is not running", () => {
    expect(describeTimeLeft({ status: "running", remainingMs: 4200 })).toBe("about 5 s left");
    expect(describeTimeLeft({ status: "running", remainingMs: 130_000 })).toBe("about 3 min left");
    expect(describeTimeLeft({ status: "running", remainingMs: 800 })).toBe("almost done");
    expect(describeTimeLeft({ status: "running", remainingMs: null })).toBeNull();
    expect(describeTimeLeft({ status: "queued", remainingMs: null })).toBeNull();
  });
});

describe("the progress bar's stages", () => {
  it("fill the bar end to end, in order, for every preset; a deeper preset spends more of it scanning", () => {
    for (const quality of PICK_QUALITIES) {
      const spans = progressSpans(quality);
      let end = 0;
      for (const stage of ["probing", "sampling", "scoring", "rendering"] as const) {
        const [start, span] = spans[stage];
        expect(start).toBeCloseTo(end, 9);
        expect(span).toBeGreaterThan(0);
        end = start + span;
      }
      expect(end).toBeCloseTo(1, 9);
    }
    expect(progressSpans("best").sampling[1]).toBeGreaterThan(progressSpans("balanced").sampling[1]);
    expect(progressSpans("balanced").sampling[1]).toBeGreaterThan(progressSpans("fast").sampling[1]);
  });
});
