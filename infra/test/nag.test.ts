import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { App } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { buildApp } from "../lib/build-app";
import { STAGES } from "../lib/config";
import { cdkContext, FIXTURE_SECRETS } from "./helpers/synth";

interface Report {
  pluginReports: Array<{ summary: { pluginName: string; status: string }; violations: Array<{ ruleName: string; violatingResources: Array<{ constructPath?: string }> }> }>;
}

/**
 * cdk-nag's AwsSolutions pack runs on every synth (build-app.ts). Any finding stops the synth;
 * this lists them from CDK's policy validation report, for each stage, with the app in us-east-1
 * and elsewhere (then CloudFront's WAF and alarm live in their own us-east-1 stacks).
 */
function findings(stage: (typeof STAGES)[number], region: string): string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "framepicker-nag-"));
  const saved = { ...process.env };
  Object.assign(process.env, FIXTURE_SECRETS);
  try {
    const app = new App({ outdir, context: { ...cdkContext, "@aws-cdk/core:validationReportJson": true } });
    buildApp(app, { stage, region, artefacts: { fixtures: true }, site: {} });
    try {
      app.synth();
    } catch (error) {
      const report = path.join(outdir, "policy-validation-report.json");
      if (!fs.existsSync(report)) throw error;
      const parsed = JSON.parse(fs.readFileSync(report, "utf8")) as Report;
      return parsed.pluginReports.flatMap((r) => r.violations.flatMap((v) => v.violatingResources.map((where) => `${v.ruleName} at ${where.constructPath ?? "?"}`)));
    }
    return [];
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
    for (const key of Object.keys(FIXTURE_SECRETS)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

describe.each(STAGES)("cdk-nag AwsSolutions, stage %s", (stage) => {
  it.each(["us-east-1", "eu-west-1"])("has no unacknowledged finding with the app in %s", (region) => {
    expect(findings(stage, region)).toEqual([]);
  });
});
