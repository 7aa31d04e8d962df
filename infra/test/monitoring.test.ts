import { describe, expect, it } from "vitest";
import { JOB_METRICS, TIMED_STAGES } from "../../core/stage-timings";
import { STAGES, WORKER_TIMEOUT } from "../lib/config";
import { JOB_DURATION_P95_ALARM } from "../lib/monitoring";
import { functionId, resources, synth } from "./helpers/synth";

const each = STAGES.map((stage) => [stage, synth(stage, { alarmEmail: "ops@example.com" })] as const);

interface AlarmProps {
  AlarmName: string;
  MetricName?: string;
  Namespace?: string;
  Dimensions?: { Name: string; Value: unknown }[];
  Threshold: number;
  ComparisonOperator: string;
  ExtendedStatistic?: string;
  Metrics?: { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Namespace: string } } }[];
  AlarmActions: unknown[];
  OKActions: unknown[];
}

describe.each(each)("%s: alarms and dashboard", (stage, app) => {
  const t = app.mainTemplate;
  const alarms = Object.values(resources(t, "AWS::CloudWatch::Alarm")).map((a) => a.Properties as unknown as AlarmProps);
  const alarm = (name: string) => {
    const found = alarms.find((a) => a.AlarmName === `${stage}-framepicker-${name}`);
    if (!found) throw new Error(`no alarm ${name}`);
    return found;
  };
  const topicId = Object.keys(resources(t, "AWS::SNS::Topic"))[0]!;

  it("notifies one SNS topic (with the e-mail subscription) of every alarm, and of recovery", () => {
    expect(Object.keys(resources(t, "AWS::SNS::Topic"))).toHaveLength(1);
    t.hasResourceProperties("AWS::SNS::Subscription", { Protocol: "email", Endpoint: "ops@example.com" });
    expect(alarms.length).toBeGreaterThanOrEqual(10);
    for (const a of alarms) {
      expect(a.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(a.OKActions).toEqual([{ Ref: topicId }]);
    }
  });

  it("alarms when job messages reach the dead-letter queue, even though its handler drains it", () => {
    const a = alarm("jobs-dead-letters");
    expect(a).toMatchObject({ Threshold: 0, ComparisonOperator: "GreaterThanThreshold" });
    const names = (a.Metrics ?? []).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : []));
    expect(names.sort()).toEqual(["ApproximateNumberOfMessagesVisible", "NumberOfMessagesReceived"]);
  });

  it("alarms on worker errors and on a job running past 80% of the worker timeout", () => {
    const errors = alarm("worker-errors");
    expect(errors).toMatchObject({ MetricName: "Errors", Namespace: "AWS/Lambda", Threshold: 1 });
    expect(errors.Dimensions).toEqual([{ Name: "FunctionName", Value: { Ref: functionId(t, "worker") } }]);
    const duration = alarm("worker-duration");
    expect(duration).toMatchObject({ MetricName: "Duration", ComparisonOperator: "GreaterThanThreshold" });
    expect(duration.Threshold).toBe(WORKER_TIMEOUT.toMilliseconds() * 0.8);
  });

  it("alarms on the p95 of jobs' own time, from the metrics the worker logs for each job", () => {
    const p95 = alarm("job-duration-p95");
    expect(p95).toMatchObject({ Namespace: JOB_METRICS.namespace, MetricName: JOB_METRICS.jobDuration, ExtendedStatistic: "p95", ComparisonOperator: "GreaterThanThreshold" });
    expect(p95.Threshold).toBe(JOB_DURATION_P95_ALARM.toMilliseconds());
    // The dimensions are the ones every job's log line carries, or the alarm would watch nothing.
    expect(p95.Dimensions).toEqual(Object.entries(JOB_METRICS.dimensions).map(([Name, Value]) => ({ Name, Value })));
  });

  it("alarms on the CloudFront 5xx rate (us-east-1) and on database CPU and connections", () => {
    const cf = alarm("cloudfront-5xx");
    expect(cf).toMatchObject({ Namespace: "AWS/CloudFront", MetricName: "5xxErrorRate" });
    expect(cf.Dimensions).toContainEqual({ Name: "Region", Value: "Global" });
    expect(alarm("db-cpu")).toMatchObject({ Namespace: "AWS/RDS", MetricName: "CPUUtilization", Threshold: 80 });
    expect(alarm("db-connections")).toMatchObject({ Namespace: "AWS/RDS", MetricName: "DatabaseConnections" });
  });

  it("has one dashboard named after the stage", () => {
    const dashboards = Object.values(resources(t, "AWS::CloudWatch::Dashboard"));
    expect(dashboards.map((d) => d.Properties?.DashboardName)).toEqual([`${stage}-framepicker`]);
    const body = JSON.stringify(dashboards[0]?.Properties?.DashboardBody);
    for (const metric of ["ApproximateNumberOfMessagesVisible", "5xxErrorRate", "CPUUtilization", "DatabaseConnections", "Duration"]) {
      expect(body).toContain(metric);
    }
    // A widget per job's time, and one with every stage's.
    for (const metric of [JOB_METRICS.jobDuration, ...TIMED_STAGES.map(JOB_METRICS.stageMetric)]) expect(body).toContain(metric);
  });
});
