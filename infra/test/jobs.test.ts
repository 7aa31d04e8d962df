import { describe, expect, it } from "vitest";
import { MAX_RECEIVES, STAGES } from "../lib/config";
import { WORKER_PROCESS_ENV } from "../../core/worker-process";
import { functionId, resources, synth } from "./helpers/synth";

const each = STAGES.map((stage) => [stage, synth(stage)] as const);

type Res = { Type: string; Properties?: Record<string, unknown>; DependsOn?: string[] };

describe.each(each)("%s: job queues and worker", (stage, app) => {
  const t = app.mainTemplate;
  const queues = resources(t, "AWS::SQS::Queue");
  const fns = resources(t, "AWS::Lambda::Function");
  const mappings = Object.values(resources(t, "AWS::Lambda::EventSourceMapping"));
  const queueByName = (name: string): [string, Res] => {
    const found = Object.entries(queues).find(([, q]) => q.Properties?.QueueName === `${stage}-framepicker-${name}`);
    if (!found) throw new Error(`no queue ${name}`);
    return found;
  };
  const [dlqId, dlq] = queueByName("jobs-dlq");
  const jobQueues = [queueByName("jobs"), queueByName("jobs-priority")];
  const mappingsOf = (fnName: string) =>
    mappings.filter((m) => JSON.stringify(m.Properties?.FunctionName) === JSON.stringify({ Ref: functionId(t, fnName) }));
  const queueOf = (m: Res) => (m.Properties?.EventSourceArn as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];

  it(`sends a job to the one dead-letter queue after ${MAX_RECEIVES} receives, from both job queues`, () => {
    expect(MAX_RECEIVES).toBe(3);
    for (const [, q] of jobQueues) {
      expect(q.Properties?.RedrivePolicy).toEqual({ deadLetterTargetArn: { "Fn::GetAtt": [dlqId, "Arn"] }, maxReceiveCount: 3 });
    }
    expect(dlq.Properties?.RedrivePolicy).toBeUndefined();
    expect(dlq.Properties?.MessageRetentionPeriod).toBe(14 * 24 * 3600);
  });

  it("encrypts the queues and refuses non-TLS access to them", () => {
    for (const [, q] of [...jobQueues, [dlqId, dlq] as [string, Res]]) expect(q.Properties?.SqsManagedSseEnabled).toBe(true);
    const policies = Object.values(resources(t, "AWS::SQS::QueuePolicy"));
    expect(policies).toHaveLength(3);
    for (const p of policies) {
      expect(JSON.stringify(p.Properties?.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it("gives each queue a visibility timeout of at least 6× the timeout of the function consuming it", () => {
    for (const m of mappings) {
      const fn = Object.entries(fns).find(([id]) => JSON.stringify(m.Properties?.FunctionName) === JSON.stringify({ Ref: id }))![1];
      const visibility = queues[queueOf(m)]?.Properties?.VisibilityTimeout as number;
      expect(visibility).toBeGreaterThanOrEqual(6 * (fn.Properties?.Timeout as number));
    }
    expect(mappings).toHaveLength(3);
  });

  it("feeds the worker from both job queues, one job per invocation, with partial batch responses", () => {
    const worker = mappingsOf("worker");
    expect(worker.map(queueOf).sort()).toEqual(jobQueues.map(([id]) => id).sort());
    for (const m of worker) {
      expect(m.Properties?.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
      expect(m.Properties?.BatchSize).toBe(1);
    }
    const concurrency = (queueId: string) =>
      (worker.find((m) => queueOf(m) === queueId)?.Properties?.ScalingConfig as { MaximumConcurrency: number }).MaximumConcurrency;
    // Pro jobs get more workers than the standard queue.
    expect(concurrency(jobQueues[1]![0])).toBeGreaterThan(concurrency(jobQueues[0]![0]));
  });

  it("drains the dead-letter queue into its handler, also with partial batch responses", () => {
    const handler = mappingsOf("dead-letters");
    expect(handler.map(queueOf)).toEqual([dlqId]);
    expect(handler[0]?.Properties?.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
  });

  it("runs the worker on Node 22 arm64 with memory, disk and time for 1080p–4K videos", () => {
    const p = fns[functionId(t, "worker")]!.Properties!;
    expect(p).toMatchObject({
      Runtime: "nodejs22.x",
      Architectures: ["arm64"],
      MemorySize: 3008,
      EphemeralStorage: { Size: 4096 },
      Timeout: 900,
      Handler: "handler.handler",
    });
    const vars = (p.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(vars.WORKER_MAX_RECEIVES).toBe(String(MAX_RECEIVES));
    // glibc's malloc capped at 2 arenas from the process's start (core/worker-process.ts).
    expect(vars.MALLOC_ARENA_MAX).toBe(WORKER_PROCESS_ENV.MALLOC_ARENA_MAX);
    expect(Object.keys(vars).sort()).toEqual(
      [
        "MALLOC_ARENA_MAX",
        "DATABASE_HOST",
        "DATABASE_NAME",
        "DATABASE_SECRET_ARN",
        "FRAMES_BUCKET",
        "JOBS_DLQ_URL",
        "JOBS_PRIORITY_QUEUE_URL",
        "JOBS_QUEUE_URL",
        "UPLOADS_BUCKET",
        "WORKER_MAX_RECEIVES",
      ].sort(),
    );
  });

  it("points the three worker functions at the artefact's three exports, and migrations at their own", () => {
    expect(fns[functionId(t, "worker")]?.Properties?.Handler).toBe("handler.handler");
    expect(fns[functionId(t, "dead-letters")]?.Properties?.Handler).toBe("handler.deadLetterHandler");
    expect(fns[functionId(t, "retention")]?.Properties?.Handler).toBe("handler.retentionHandler");
    expect(fns[functionId(t, "migrate")]?.Properties?.Handler).toBe("handler.handler");
  });

  it("sweeps retention every 15 minutes", () => {
    const rules = Object.values(resources(t, "AWS::Events::Rule"));
    expect(rules).toHaveLength(1);
    expect(rules[0]?.Properties?.ScheduleExpression).toBe("rate(15 minutes)");
    const targets = rules[0]?.Properties?.Targets as { Arn: unknown }[];
    expect(targets.map((x) => x.Arn)).toEqual([{ "Fn::GetAtt": [functionId(t, "retention"), "Arn"] }]);
  });
});

describe.each(each)("%s: migrations at deploy", (_stage, app) => {
  const t = app.mainTemplate;
  const all = resources(t) as Record<string, Res>;
  const [migrationId, migration] = Object.entries(all).find(([, r]) => r.Type === "Custom::DatabaseMigrations")!;

  it("runs the migration function through a custom resource, again whenever the artefact changes", () => {
    expect(migration.Properties?.artefactHash).toMatch(/^[0-9a-f]{64}$/);
    const providerFn = Object.values(resources(t, "AWS::Lambda::Function")).find((f) =>
      JSON.stringify(f.Properties?.Environment ?? {}).includes(functionId(t, "migrate")),
    );
    expect(providerFn).toBeDefined();
    expect(JSON.stringify(migration.Properties?.ServiceToken)).toContain("MigrationsProviderframeworkonEvent");
  });

  it("updates the web function and the workers only after the migrations ran", () => {
    for (const name of ["web", "worker", "dead-letters", "retention"]) {
      expect(all[functionId(t, name)]?.DependsOn).toContain(migrationId);
    }
  });

  it("reaches the database through the proxy, in the VPC", () => {
    const p = all[functionId(t, "migrate")]!.Properties!;
    expect(p.VpcConfig).toBeDefined();
    const vars = (p.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(JSON.stringify(vars.DATABASE_HOST)).toContain("Proxy");
  });
});
