import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import { JOB_METRICS, TIMED_STAGES } from "../../core/stage-timings";
import { WORKER_TIMEOUT, type StageConfig } from "./config";
import type { Database } from "./database";
import type { Jobs } from "./jobs";

const FIVE_MINUTES = Duration.minutes(5);
/** A job waiting this long means the worker is not consuming (stuck "queued" in the UI). */
const OLDEST_JOB_ALARM = Duration.minutes(30);
/**
 * The p95 of jobs' own time (claim → done) that pages someone: most videos take seconds, so a p95
 * past this for a quarter of an hour means the worker got slow for everyone (a cold model, a
 * starved function, a slow bucket), long before jobs reach the worker's timeout.
 */
export const JOB_DURATION_P95_ALARM = Duration.minutes(3);
/** CloudFront 5xx share of requests (percent) that pages someone. */
export const CLOUDFRONT_5XX_PERCENT = 5;

/** The SNS topic alarms notify; an e-mail subscription when `-c alarmEmail=…` is given. */
export function alarmTopic(scope: Construct, id: string, config: StageConfig, email?: string): sns.Topic {
  const topic = new sns.Topic(scope, id, { topicName: `${config.prefix}-alarms`, enforceSSL: true });
  if (email) topic.addSubscription(new subscriptions.EmailSubscription(email));
  return topic;
}

function notify(alarm: cloudwatch.Alarm, topic: sns.ITopic): cloudwatch.Alarm {
  alarm.addAlarmAction(new actions.SnsAction(topic));
  alarm.addOkAction(new actions.SnsAction(topic));
  return alarm;
}

/** A metric the worker logs for every finished job (embedded metric format, worker/job-log.ts). */
function jobMetric(metricName: string, statistic: string, label?: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: JOB_METRICS.namespace,
    metricName,
    dimensionsMap: { ...JOB_METRICS.dimensions },
    statistic,
    period: FIVE_MINUTES,
    ...(label ? { label } : {}),
  });
}

/** CloudFront's metrics exist only in us-east-1, so this alarm goes in a us-east-1 stack. */
export function cloudFrontErrorMetric(distributionId: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: "AWS/CloudFront",
    metricName: "5xxErrorRate",
    dimensionsMap: { DistributionId: distributionId, Region: "Global" },
    statistic: "Average",
    period: FIVE_MINUTES,
    region: "us-east-1",
  });
}

export function cloudFrontErrorAlarm(scope: Construct, config: StageConfig, distributionId: string, topic: sns.ITopic) {
  return notify(
    new cloudwatch.Alarm(scope, "CloudFront5xxAlarm", {
      alarmName: `${config.prefix}-cloudfront-5xx`,
      alarmDescription: `More than ${CLOUDFRONT_5XX_PERCENT}% of requests answered 5xx`,
      metric: cloudFrontErrorMetric(distributionId),
      threshold: CLOUDFRONT_5XX_PERCENT,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }),
    topic,
  );
}

export interface MonitoringProps {
  config: StageConfig;
  topic: sns.ITopic;
  jobs: Jobs;
  database: Database;
  server: lambda.IFunction;
  distributionId: string;
}

/** Alarms on the job pipeline, the web function and the database, and one dashboard. */
export class Monitoring extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { config, topic, jobs, database } = props;
    const alarm = (alarmId: string, name: string, alarmProps: Omit<cloudwatch.AlarmProps, "alarmName">) => {
      const created = notify(
        new cloudwatch.Alarm(this, alarmId, {
          alarmName: `${config.prefix}-${name}`,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
          ...alarmProps,
        }),
        topic,
      );
      this.alarms.push(created);
      return created;
    };
    const above = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
    const atLeast = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;

    // The dead-letter handler drains the DLQ within seconds, so its depth alone would rarely show:
    // count what arrived (received by the handler) plus what is still waiting (handler failing).
    const dlq = jobs.deadLetterQueue;
    alarm("DeadLettersAlarm", "jobs-dead-letters", {
      alarmDescription: "Job messages reached the dead-letter queue (a job failed on every attempt)",
      metric: new cloudwatch.MathExpression({
        expression: "FILL(received, 0) + FILL(visible, 0)",
        usingMetrics: {
          received: dlq.metricNumberOfMessagesReceived({ period: FIVE_MINUTES, statistic: "Sum" }),
          visible: dlq.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: "Maximum" }),
        },
        label: "dead letters",
        period: FIVE_MINUTES,
      }),
      threshold: 0,
      comparisonOperator: above,
      evaluationPeriods: 1,
    });
    alarm("WorkerErrorsAlarm", "worker-errors", {
      alarmDescription: "The worker crashed or timed out (failed jobs that it handled are not errors)",
      metric: jobs.worker.metricErrors({ period: FIVE_MINUTES, statistic: "Sum" }),
      threshold: 1,
      comparisonOperator: atLeast,
      evaluationPeriods: 1,
    });
    alarm("WorkerDurationAlarm", "worker-duration", {
      alarmDescription: "A job took more than 80% of the worker's timeout",
      metric: jobs.worker.metricDuration({ period: FIVE_MINUTES, statistic: "Maximum" }),
      threshold: WORKER_TIMEOUT.toMilliseconds() * 0.8,
      comparisonOperator: above,
      evaluationPeriods: 1,
    });
    alarm("JobDurationAlarm", "job-duration-p95", {
      alarmDescription: `The p95 of jobs' time (claim to done) passed ${JOB_DURATION_P95_ALARM.toMinutes()} minutes for 15 minutes`,
      metric: jobMetric(JOB_METRICS.jobDuration, "p95"),
      threshold: JOB_DURATION_P95_ALARM.toMilliseconds(),
      comparisonOperator: above,
      evaluationPeriods: 3,
    });
    alarm("OldestJobAlarm", "jobs-waiting", {
      alarmDescription: `A job has waited more than ${OLDEST_JOB_ALARM.toMinutes()} minutes for a worker`,
      metric: new cloudwatch.MathExpression({
        expression: "MAX([standard, priority])",
        usingMetrics: {
          standard: jobs.queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: "Maximum" }),
          priority: jobs.priorityQueue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: "Maximum" }),
        },
        label: "oldest job (s)",
        period: FIVE_MINUTES,
      }),
      threshold: OLDEST_JOB_ALARM.toSeconds(),
      comparisonOperator: above,
      evaluationPeriods: 2,
    });
    for (const [alarmId, name, fn] of [
      ["DeadLetterHandlerErrorsAlarm", "dead-letter-handler-errors", jobs.deadLetterHandler],
      ["RetentionErrorsAlarm", "retention-errors", jobs.retentionHandler],
      ["ServerErrorsAlarm", "web-errors", props.server],
    ] as const) {
      alarm(alarmId, name, {
        alarmDescription: `${fn.node.id} failed (uncaught error or timeout)`,
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: "Sum" }),
        threshold: name === "web-errors" ? 5 : 1,
        comparisonOperator: atLeast,
        evaluationPeriods: 1,
      });
    }
    alarm("DatabaseCpuAlarm", "db-cpu", {
      alarmDescription: "Database CPU above 80% for 15 minutes",
      metric: database.instance.metricCPUUtilization({ period: FIVE_MINUTES, statistic: "Average" }),
      threshold: 80,
      comparisonOperator: above,
      evaluationPeriods: 3,
    });
    alarm("DatabaseConnectionsAlarm", "db-connections", {
      alarmDescription: "Database connections near the instance's max_connections",
      metric: database.instance.metricDatabaseConnections({ period: FIVE_MINUTES, statistic: "Maximum" }),
      threshold: config.db.connectionsAlarmThreshold,
      comparisonOperator: above,
      evaluationPeriods: 2,
    });

    this.dashboard(props);
  }

  private dashboard(props: MonitoringProps): void {
    const { config, jobs, database, server } = props;
    const graph = (title: string, metrics: cloudwatch.IMetric[], width = 8) =>
      new cloudwatch.GraphWidget({ title, left: metrics, width, height: 6 });
    new cloudwatch.Dashboard(this, "Dashboard", {
      dashboardName: `${config.prefix}`,
      defaultInterval: Duration.hours(6),
      widgets: [
        [
          graph("Jobs waiting", [
            jobs.queue.metricApproximateNumberOfMessagesVisible({ label: "standard" }),
            jobs.priorityQueue.metricApproximateNumberOfMessagesVisible({ label: "priority" }),
            jobs.deadLetterQueue.metricNumberOfMessagesReceived({ label: "dead letters", statistic: "Sum" }),
          ]),
          graph("Worker", [
            jobs.worker.metricInvocations({ label: "invocations" }),
            jobs.worker.metricErrors({ label: "errors" }),
            jobs.worker.metricThrottles({ label: "throttles" }),
          ]),
          graph("Worker duration (ms)", [
            jobs.worker.metricDuration({ statistic: "p50", label: "p50" }),
            jobs.worker.metricDuration({ statistic: "Maximum", label: "max" }),
          ]),
        ],
        [
          graph("Site (CloudFront)", [
            new cloudwatch.Metric({
              namespace: "AWS/CloudFront",
              metricName: "Requests",
              dimensionsMap: { DistributionId: props.distributionId, Region: "Global" },
              statistic: "Sum",
              region: "us-east-1",
              label: "requests",
            }),
          ]),
          graph("Site 5xx (%)", [cloudFrontErrorMetric(props.distributionId)]),
          graph("Web function", [
            server.metricInvocations({ label: "invocations" }),
            server.metricErrors({ label: "errors" }),
            server.metricDuration({ statistic: "p90", label: "p90 ms" }),
          ]),
        ],
        [
          graph("Job time, claim to done (ms)", [jobMetric(JOB_METRICS.jobDuration, "p50", "p50"), jobMetric(JOB_METRICS.jobDuration, "p95", "p95")]),
          new cloudwatch.GraphWidget({
            title: "Where a job's time goes (ms, average per stage)",
            left: TIMED_STAGES.map((stage) => jobMetric(JOB_METRICS.stageMetric(stage), "Average", stage)),
            stacked: true,
            width: 16,
            height: 6,
          }),
        ],
        [
          graph("Database CPU (%)", [database.instance.metricCPUUtilization()], 12),
          graph("Database connections", [database.instance.metricDatabaseConnections()], 12),
        ],
      ],
    });
  }
}
