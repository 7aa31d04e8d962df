import { describe, expect, it } from "vitest";
import { STAGES, type StageName } from "../lib/config";
import { leastPrivilegeFindings, managedPolicies, statementsOfFunction } from "./helpers/iam";
import { FIXTURE_SECRETS, functionId, resources, synth, type Synthesized } from "./helpers/synth";

const built = new Map<StageName, Synthesized>(STAGES.map((stage) => [stage, synth(stage)]));
const each = STAGES.map((stage) => [stage, built.get(stage)!] as const);

describe.each(each)("%s: least privilege", (_stage, app) => {
  it("grants no '*' action, and '*' resources only for the listed exceptions", () => {
    for (const stack of app.all) expect(leastPrivilegeFindings(app.template(stack))).toEqual([]);
  });

  it("attaches AWS managed policies only to the CDK's own helper functions, never to the app's", () => {
    const attached = managedPolicies(app.mainTemplate);
    for (const [role, arns] of Object.entries(attached)) {
      // The CDK's custom-resource providers (auto-delete, default SG lockdown, asset deployment) keep basic logging.
      expect(role).toMatch(/^(Custom|CustomCDKBucketDeployment)/);
      for (const arn of arns) expect(arn).toContain("service-role/AWSLambdaBasicExecutionRole");
    }
    for (const name of ["web", "image", "worker", "dead-letters", "retention", "migrate"]) {
      const fn = resources(app.mainTemplate, "AWS::Lambda::Function")[functionId(app.mainTemplate, name)]!;
      const role = JSON.stringify(fn.Properties?.Role);
      expect(Object.keys(attached).some((id) => role.includes(id))).toBe(false);
    }
  });

  it("lets each worker entry point touch only what its code uses", () => {
    const t = app.mainTemplate;
    const actionsOf = (name: string) => statementsOfFunction(t, functionId(t, name)).flatMap((s) => s.actions).sort();
    const logsAndNetwork = [
      "ec2:AssignPrivateIpAddresses",
      "ec2:CreateNetworkInterface",
      "ec2:DeleteNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
      "ec2:UnassignPrivateIpAddresses",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetSecretValue",
    ];
    const consume = ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage"];
    expect(actionsOf("worker")).toEqual(
      [...logsAndNetwork, ...consume, "s3:DeleteObject", "s3:GetObject", "s3:ListBucket", "s3:PutObject", "xray:PutTelemetryRecords", "xray:PutTraceSegments"].sort(),
    );
    // ...and it may send a job still open back to its queue (worker/handler.ts), on the two job queues only.
    const send = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"];
    expect(actionsOf("dead-letters")).toEqual([...logsAndNetwork, ...consume, ...send].sort());
    const sendsTo = statementsOfFunction(t, functionId(t, "dead-letters"))
      .filter((s) => s.actions.includes("sqs:SendMessage"))
      .flatMap((s) => s.resources.map((r) => JSON.stringify(r)));
    expect(sendsTo).toHaveLength(2);
    for (const queue of sendsTo) expect(queue).toMatch(/JobsQueue/);
    expect(actionsOf("retention")).toEqual(
      [...logsAndNetwork, "s3:AbortMultipartUpload", "s3:DeleteObject", "s3:DeleteObject", "s3:ListBucket", "s3:ListBucket"].sort(),
    );
    expect(actionsOf("migrate")).toEqual([...logsAndNetwork].sort());
  });

  it("lets the worker delete and list only under the frames prefix, to clean up after a cancel or a delete", () => {
    const t = app.mainTemplate;
    const statements = statementsOfFunction(t, functionId(t, "worker"));
    const deletes = statements.filter((s) => s.actions.includes("s3:DeleteObject")).flatMap((s) => s.resources.map((r) => JSON.stringify(r)));
    expect(deletes).toEqual([expect.stringContaining('"/frames/*"')]);
    const lists = statements.filter((s) => s.actions.includes("s3:ListBucket")).flatMap((s) => s.resources.map((r) => JSON.stringify(r)));
    expect(lists).toEqual([expect.stringMatching(/Frames/)]);
  });
});

describe.each(each)("%s: no secret values in the template", (_stage, app) => {
  const json = app.all.map((s) => JSON.stringify(app.template(s).toJSON())).join("\n");

  it("contains none of the secrets present in the environment at synth time", () => {
    for (const value of Object.values(FIXTURE_SECRETS)) expect(json).not.toContain(value);
  });

  it("contains nothing shaped like a Stripe key or webhook secret", () => {
    expect(json).not.toMatch(/\b(sk|rk)_(live|test)_[A-Za-z0-9]+/);
    expect(json).not.toMatch(/\bwhsec_[A-Za-z0-9]+/);
  });

  it("gives functions secret ARNs, never values (no DATABASE_URL, AUTH_SECRET or STRIPE_* variables)", () => {
    for (const fn of Object.values(resources(app.mainTemplate, "AWS::Lambda::Function"))) {
      const vars = Object.keys((fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {});
      for (const name of vars) {
        expect(name).not.toMatch(/^(DATABASE_URL|AUTH_SECRET|STRIPE_SECRET_KEY|STRIPE_WEBHOOK_SECRET|.*PASSWORD.*)$/);
        if (/SECRET/.test(name)) expect(name).toMatch(/_SECRET_ARN$/);
      }
    }
  });

  it("generates the auth, origin and database secrets, and creates Stripe's and OAuth's empty for the operator", () => {
    const secrets = Object.values(resources(app.mainTemplate, "AWS::SecretsManager::Secret"));
    const named = (suffix: string) => secrets.find((s) => s.Properties?.Name === `${_stage}/framepicker/${suffix}`)?.Properties;
    expect(secrets.map((s) => s.Properties?.Name).sort()).toEqual(
      ["auth-secret", "database", "oauth", "origin-verify", "stripe"].map((n) => `${_stage}/framepicker/${n}`),
    );
    for (const generated of ["auth-secret", "database", "origin-verify"]) {
      expect(named(generated)?.SecretString).toBeUndefined();
      expect(named(generated)?.GenerateSecretString).toBeDefined();
    }
    // Operator-provided: created empty ({} = billing / OAuth off), the values are put later.
    for (const outOfBand of ["stripe", "oauth"]) expect(named(outOfBand)?.SecretString).toBe("{}");
  });
});

describe("WAF", () => {
  it.each(each)("%s: a web ACL exists only in prod", (stage, app) => {
    const acls = app.all.flatMap((s) => Object.values(resources(app.template(s), "AWS::WAFv2::WebACL")));
    expect(acls).toHaveLength(stage === "prod" ? 1 : 0);
    const distribution = Object.values(resources(app.mainTemplate, "AWS::CloudFront::Distribution"))[0]!;
    const webAcl = (distribution.Properties?.DistributionConfig as { WebACLId?: unknown }).WebACLId;
    if (stage === "prod") expect(webAcl).toBeDefined();
    else expect(webAcl).toBeUndefined();
  });

  it("prod: CLOUDFRONT scope, AWS common rules and per-IP rate limits on /api/auth/ and /api/", () => {
    const acl = Object.values(resources(built.get("prod")!.mainTemplate, "AWS::WAFv2::WebACL"))[0]!;
    expect(acl.Properties?.Scope).toBe("CLOUDFRONT");
    const rules = acl.Properties?.Rules as {
      Name: string;
      Statement: {
        ManagedRuleGroupStatement?: { Name: string };
        RateBasedStatement?: { Limit: number; ScopeDownStatement: { ByteMatchStatement: { SearchString: string } } };
      };
    }[];
    expect(rules.map((r) => r.Statement.ManagedRuleGroupStatement?.Name).filter(Boolean)).toEqual(["AWSManagedRulesCommonRuleSet"]);
    const rated = rules.flatMap((r) => (r.Statement.RateBasedStatement ? [r.Statement.RateBasedStatement] : []));
    expect(rated.map((r) => r.ScopeDownStatement.ByteMatchStatement.SearchString).sort()).toEqual(["/api/", "/api/auth/"]);
    expect(rated.every((r) => r.Limit > 0)).toBe(true);
  });
});

describe.each(each)("%s: logs and tracing", (stage, app) => {
  it("gives every app function its own log group with a retention", () => {
    const groups = resources(app.mainTemplate, "AWS::Logs::LogGroup");
    const names = Object.values(groups).map((g) => g.Properties?.LogGroupName);
    for (const name of ["web", "image", "worker", "dead-letters", "retention", "migrate"]) {
      expect(names).toContain(`/aws/lambda/${stage}-framepicker-${name}`);
    }
    for (const g of Object.values(groups)) expect(g.Properties?.RetentionInDays).toBe(stage === "prod" ? 90 : 14);
  });

  it("traces the web function and the worker with X-Ray", () => {
    const fns = resources(app.mainTemplate, "AWS::Lambda::Function");
    for (const name of ["web", "worker"]) {
      expect(fns[functionId(app.mainTemplate, name)]?.Properties?.TracingConfig).toEqual({ Mode: "Active" });
    }
  });
});
