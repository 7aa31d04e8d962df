import type { Template } from "aws-cdk-lib/assertions";
import { resources } from "./synth";

export interface OwnedStatement {
  /** Logical id of the policy or role that holds it. */
  owner: string;
  actions: string[];
  resources: unknown[];
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: unknown;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every Allow statement of every identity policy in the template (IAM policies and roles' inline ones). */
export function identityStatements(template: Template): OwnedStatement[] {
  const found: OwnedStatement[] = [];
  const collect = (owner: string, doc: { Statement?: Statement[] } | undefined) => {
    for (const s of doc?.Statement ?? []) {
      if (s.Effect !== "Allow") continue;
      found.push({ owner, actions: list(s.Action), resources: list(s.Resource) });
    }
  };
  for (const [id, r] of Object.entries(resources(template))) {
    const p = r.Properties ?? {};
    if (r.Type === "AWS::IAM::Policy" || r.Type === "AWS::IAM::ManagedPolicy") {
      collect(id, p.PolicyDocument as { Statement?: Statement[] });
    }
    if (r.Type === "AWS::IAM::Role") {
      for (const inline of (p.Policies as { PolicyDocument: { Statement?: Statement[] } }[] | undefined) ?? []) {
        collect(id, inline.PolicyDocument);
      }
    }
  }
  return found;
}

/**
 * Actions AWS grants only on Resource "*" (no resource-level permissions), each with the reason.
 * Anything else on "*" is a finding.
 */
export const WILDCARD_RESOURCE_EXCEPTIONS: ReadonlyArray<{ actions: readonly string[]; why: string }> = [
  { actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], why: "X-Ray active tracing: no resource-level permissions" },
  {
    actions: [
      "ec2:CreateNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
      "ec2:DeleteNetworkInterface",
      "ec2:AssignPrivateIpAddresses",
      "ec2:UnassignPrivateIpAddresses",
    ],
    why: "Lambda in a VPC manages its network interfaces with the execution role; Describe* cannot be scoped",
  },
];

export interface Finding {
  owner: string;
  problem: string;
}

/** Statements that grant every action of a service, or "*" resources outside the exceptions. */
export function leastPrivilegeFindings(template: Template): Finding[] {
  const findings: Finding[] = [];
  for (const s of identityStatements(template)) {
    for (const action of s.actions) {
      if (action === "*" || /^[a-z0-9-]+:\*$/i.test(action)) findings.push({ owner: s.owner, problem: `action ${action}` });
    }
    if (s.resources.includes("*")) {
      // (Statements on "*" may be merged by the CDK's policy minimisation: check action by action.)
      const allowed = s.actions.every((a) => WILDCARD_RESOURCE_EXCEPTIONS.some((e) => e.actions.includes(a)));
      if (!allowed) findings.push({ owner: s.owner, problem: `Resource "*" for ${s.actions.join(", ")}` });
    }
  }
  return findings;
}

/** AWS managed policies attached to roles: id → ARNs (as rendered, joined to a string). */
export function managedPolicies(template: Template): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [id, r] of Object.entries(resources(template, "AWS::IAM::Role"))) {
    const arns = (r.Properties?.ManagedPolicyArns as unknown[] | undefined) ?? [];
    if (arns.length > 0) out[id] = arns.map((a) => JSON.stringify(a));
  }
  return out;
}

/** The Allow statements held by a function's role (via its AWS::IAM::Policy resources). */
export function statementsOfFunction(template: Template, functionLogicalId: string): OwnedStatement[] {
  const fn = resources(template, "AWS::Lambda::Function")[functionLogicalId];
  const roleRef = (fn?.Properties?.Role as { "Fn::GetAtt"?: [string, string] } | undefined)?.["Fn::GetAtt"]?.[0];
  if (!roleRef) throw new Error(`no role for ${functionLogicalId}`);
  const policyIds = Object.entries(resources(template, "AWS::IAM::Policy"))
    .filter(([, p]) => list(p.Properties?.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleRef })))
    .map(([id]) => id);
  return identityStatements(template).filter((s) => policyIds.includes(s.owner));
}
