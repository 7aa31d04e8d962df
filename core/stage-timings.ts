/**
 * Where a job's time goes, stage by stage. The worker measures it (worker/stage-clock.ts), stores
 * it on the job row, writes it as one structured log line per job (CloudWatch reads that line as
 * metrics in AWS), and the results page says how long the job took.
 */
import { z } from "zod";

/**
 * The stages, in the order a job meets them:
 * - `queueWait`: from the job being queued (or queued again after a failed attempt, its retry
 *   delay included) to this attempt's claim; after a worker died, since the last of those;
 * - `download`, `probe`: the upload to a temp file, then ffprobe;
 * - `faceModel`: loading the face detector, on a worker's first job only (a cold start);
 * - `scan`: decoding and measuring the samples (profile mode's face detection included);
 * - `faces`: the time inside the face detector, during the scan and when picks' eyes are read;
 * - `select`: scoring, choosing the picks and reading the eyes of picks looked at again;
 * - `grab`: decoding each pick's moment from the source at full resolution;
 * - `encode`: the delivered image and its thumbnail, encoded side by side;
 * - `crops`: profile mode's square and 4:5 crops, the face found again on the full frame;
 * - `upload`: waiting for a pick's images to reach S3 once its last one is made (each upload
 *   starts as soon as its image exists, while the crops are still being cut);
 * - `commit`: the frames and the job's `done` in one transaction.
 */
export const TIMED_STAGES = ["queueWait", "download", "probe", "faceModel", "scan", "faces", "select", "grab", "encode", "crops", "upload", "commit"] as const;
export type TimedStage = (typeof TIMED_STAGES)[number];

/** Milliseconds per stage; a stage the job never reached is absent. `totalMs` is claim → done. */
export const stageTimingsSchema = z.object({
  stagesMs: z.partialRecord(z.enum(TIMED_STAGES), z.number().nonnegative()),
  totalMs: z.number().nonnegative(),
});
export type StageTimings = z.infer<typeof stageTimingsSchema>;

/**
 * The CloudWatch metrics made from each job's log line (embedded metric format, worker/job-log.ts)
 * and read by the dashboard and the duration alarm (infra/lib/monitoring.ts).
 */
export const JOB_METRICS = {
  namespace: "FramePicker/Jobs",
  /** Claim → done, milliseconds. */
  jobDuration: "JobDuration",
  /** Every job's metrics carry this dimension, and the quality preset in a second set. */
  dimensions: { Service: "worker" },
  stageMetric: (stage: TimedStage) => `${stage}Duration`,
} as const;
