import type { StageTimings, TimedStage } from "~/core/stage-timings";
import type { FaceDetector } from "./picker/types";

/**
 * Adds up the time an attempt spends in each stage (core/stage-timings.ts). A stage met several
 * times (one grab per pick) adds up; stages that overlap (faces inside the scan) are each timed
 * in full.
 */
export interface StageClock {
  add(stage: TimedStage, ms: number): void;
  time<T>(stage: TimedStage, work: () => Promise<T>): Promise<T>;
  /** What was measured, in whole milliseconds, with `totalMs` from the clock's start. */
  read(): StageTimings;
}

export function startStageClock(): StageClock {
  const startedAt = performance.now();
  const stagesMs: StageTimings["stagesMs"] = {};
  const add = (stage: TimedStage, ms: number) => {
    stagesMs[stage] = (stagesMs[stage] ?? 0) + Math.max(0, ms);
  };
  return {
    add,
    async time(stage, work) {
      const t = performance.now();
      try {
        return await work();
      } finally {
        add(stage, performance.now() - t);
      }
    },
    read() {
      const rounded = Object.fromEntries(Object.entries(stagesMs).map(([stage, ms]) => [stage, Math.round(ms)]));
      return { stagesMs: rounded, totalMs: Math.round(performance.now() - startedAt) };
    },
  };
}

/** Runs `work`, timed as `stage` when there is a clock (callers without one time nothing). */
export function timeIn<T>(clock: Pick<StageClock, "time"> | undefined, stage: TimedStage, work: () => Promise<T>): Promise<T> {
  return clock ? clock.time(stage, work) : work();
}

/** The same detector, its calls timed as the `faces` stage. */
export function timedFaceDetector(detector: FaceDetector, clock: StageClock): FaceDetector {
  const timed: FaceDetector = { detect: (gray, width, height) => clock.time("faces", () => detector.detect(gray, width, height)) };
  const readEyes = detector.readEyes?.bind(detector);
  if (readEyes) timed.readEyes = (gray, width, height, face) => clock.time("faces", () => readEyes(gray, width, height, face));
  return timed;
}
