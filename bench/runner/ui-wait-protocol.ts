import { DEFAULT_PICK_PARAMS } from "../../core/pick-params";
import type { JobSettings } from "../../tests/e2e/helpers/flow";

/** What the UI wait runner tells its Playwright spec (bench/ui/ui-wait.spec.ts), by environment. */
export const UI_WAIT_ENV = { clip: "UI_WAIT_CLIP", out: "UI_WAIT_OUT", runs: "UI_WAIT_RUNS" } as const;

/** The app's defaults (profile picture, balanced, 3 frames ≥ 2 s apart), chosen as a user would. */
export const UI_WAIT_SETTINGS: JobSettings = {
  mode: "Profile picture",
  quality: "Balanced",
  count: DEFAULT_PICK_PARAMS.count,
  intervalSec: DEFAULT_PICK_PARAMS.minIntervalSec,
};

/** One run: the click → first frame shown, and where it went (the page's clock and requests). */
export interface UiWaitRun {
  run: number;
  uiSec: number;
  /** The job's own claim → done, from the results page. */
  jobSec: number;
  /** Click → the job.create answer. */
  createSec: number;
  /** The job.create answer → the worker claiming the job (its turn in the queue). */
  queueSec: number;
  /** The job finished → the status answer that said so. */
  noticeSec: number;
  /** The status answer that said done → the frames listed: 0 when that answer brought them. */
  doneToFramesSec: number;
  /** Frames listed → the first thumbnail loaded. */
  framesToShownSec: number;
}
