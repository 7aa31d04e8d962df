import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { App, type Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { buildApp, type AppOptions, type BuiltApp } from "../../lib/build-app";
import { REPO_ROOT } from "../../lib/artefacts";
import type { StageName } from "../../lib/config";
import type { SiteOptions } from "../../lib/site";

/** The feature flags `cdk synth` uses, so tests see the same template. */
export const cdkContext = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "infra", "cdk.json"), "utf8")) as { context: Record<string, unknown> })
  .context;

/**
 * Secret-looking values put in the environment while synthesizing: none of them may reach a
 * template (the app must pass ARNs, never read values from where it is synthesized).
 */
export const FIXTURE_SECRETS = {
  AUTH_SECRET: "fixture-auth-secret-7c1f0d9e2b4a6c8e0f1a3b5d7e9f1a2b",
  STRIPE_SECRET_KEY: "sk_live_fixture51HqA0bC2dE3fG4hI5jK6lM7n",
  STRIPE_WEBHOOK_SECRET: "whsec_fixtureQ8rS9tU0vW1xY2zA3bC4d",
  AUTH_GITHUB_SECRET: "fixture-github-oauth-secret-0a9b8c7d",
  DATABASE_URL: "postgres://framepicker:fixture-db-password-5e6f@localhost:5432/framepicker",
} as const;

export interface SynthOptions {
  region?: string;
  site?: SiteOptions;
  alarmEmail?: string;
}

export interface Synthesized extends BuiltApp {
  template(stack: Stack): Template;
  /** The main stack's template. */
  mainTemplate: Template;
}

/** Builds the app for one stage with the fixture artefacts, as `cdk synth -c artefacts=fixtures` does. */
export function synth(stage: StageName, options: SynthOptions = {}): Synthesized {
  const saved = { ...process.env };
  Object.assign(process.env, FIXTURE_SECRETS);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "framepicker-cdk-"));
  try {
    const app = new App({ outdir, context: cdkContext });
    const appOptions: AppOptions = {
      stage,
      region: options.region ?? "us-east-1",
      artefacts: { fixtures: true },
      site: options.site ?? {},
      alarmEmail: options.alarmEmail,
    };
    const built = buildApp(app, appOptions);
    const cache = new Map<Stack, Template>();
    const template = (stack: Stack) => {
      let t = cache.get(stack);
      if (!t) cache.set(stack, (t = Template.fromStack(stack)));
      return t;
    };
    const mainTemplate = template(built.main);
    for (const stack of built.all) template(stack);
    return { ...built, template, mainTemplate };
  } finally {
    // Templates are kept in memory; the staged assets are not needed.
    fs.rmSync(outdir, { recursive: true, force: true });
    for (const key of Object.keys(FIXTURE_SECRETS)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string[] }>;

export function resources(template: Template, type?: string): Resources {
  const all = (template.toJSON() as { Resources: Resources }).Resources;
  if (!type) return all;
  return Object.fromEntries(Object.entries(all).filter(([, r]) => r.Type === type));
}

/** Resource count by type, e.g. { "AWS::Lambda::Function": 10, … }. */
export function countByType(template: Template): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of Object.values(resources(template))) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** The logical id of the one function with this physical name suffix (`dev-framepicker-<name>`). */
export function functionId(template: Template, name: string): string {
  const match = Object.entries(resources(template, "AWS::Lambda::Function")).filter(([, r]) =>
    String(r.Properties?.FunctionName ?? "").endsWith(`-framepicker-${name}`),
  );
  if (match.length !== 1) throw new Error(`expected one function named *-framepicker-${name}, found ${match.length}`);
  return match[0]![0];
}
