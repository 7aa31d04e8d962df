import { JOB_METRICS, TIMED_STAGES, type StageTimings } from "~/core/stage-timings";
import type { JobSettings } from "~/core/pick-params";

export interface JobLogFacts {
  jobId: string;
  attempt: number;
  video: { durationSec: number; width: number; height: number; codec: string };
  settings: JobSettings;
  frames: number;
  timings: StageTimings;
}

/**
 * One structured line per finished job: its id, the video, the settings and where its time went.
 * In AWS, CloudWatch Logs reads the `_aws` member (embedded metric format) and makes the job's
 * duration and each stage's a metric, by quality preset; locally it is a JSON line to grep.
 */
export function jobLogLine(facts: JobLogFacts, now = Date.now()): string {
  const stages = TIMED_STAGES.filter((stage) => facts.timings.stagesMs[stage] !== undefined);
  const metricValues = Object.fromEntries(stages.map((stage) => [JOB_METRICS.stageMetric(stage), facts.timings.stagesMs[stage]]));
  return JSON.stringify({
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: JOB_METRICS.namespace,
          Dimensions: [["Service"], ["Service", "Quality"]],
          Metrics: [JOB_METRICS.jobDuration, ...stages.map(JOB_METRICS.stageMetric)].map((name) => ({ Name: name, Unit: "Milliseconds" })),
        },
      ],
    },
    ...JOB_METRICS.dimensions,
    Quality: facts.settings.quality,
    [JOB_METRICS.jobDuration]: facts.timings.totalMs,
    ...metricValues,
    event: "job-done",
    ...facts,
  });
}
