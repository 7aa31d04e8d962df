import { Tags, Validations, type App, type Stack } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { FramePickerStack } from "./app-stack";
import { resolveArtefacts, type ArtefactOptions } from "./artefacts";
import { isStage, stageConfig, STAGES, type StageName } from "./config";
import { EdgeMonitoringStack, EdgeProtectionStack } from "./edge-stacks";
import type { SiteOptions } from "./site";

export interface AppOptions {
  stage: StageName;
  region: string;
  /** Only from CDK_DEFAULT_ACCOUNT (credentials present); offline synth leaves it a token. */
  account?: string;
  artefacts: ArtefactOptions;
  site: SiteOptions;
  alarmEmail?: string;
}

export interface BuiltApp {
  main: FramePickerStack;
  /** us-east-1 stacks, present only when the app region is elsewhere. */
  edgeProtection?: EdgeProtectionStack;
  edgeMonitoring?: EdgeMonitoringStack;
  all: Stack[];
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** Reads `-c key=value` context (and the env vars documented in infra/README.md). */
export function readAppOptions(app: App, env: Record<string, string | undefined> = process.env): AppOptions {
  const ctx = (key: string) => text(app.node.tryGetContext(key));
  const stage = ctx("stage");
  if (!isStage(stage)) {
    throw new Error(`Pass the stage: -c stage=<${STAGES.join("|")}> (got ${stage ?? "nothing"})`);
  }
  const artefactsMode = ctx("artefacts") ?? "build";
  if (artefactsMode !== "build" && artefactsMode !== "fixtures") {
    throw new Error(`-c artefacts must be "build" or "fixtures" (got ${artefactsMode})`);
  }
  return {
    stage,
    region: ctx("region") ?? text(env.CDK_DEFAULT_REGION) ?? text(env.AWS_REGION) ?? "us-east-1",
    account: text(env.CDK_DEFAULT_ACCOUNT),
    artefacts: {
      fixtures: artefactsMode === "fixtures",
      openNextDir: ctx("openNextDir") ?? text(env.OPEN_NEXT_DIR),
      workerDir: ctx("workerDir") ?? text(env.WORKER_DIR),
      migrateDir: ctx("migrateDir") ?? text(env.MIGRATE_DIR),
    },
    site: {
      domainName: ctx("domainName"),
      certificateArn: ctx("certificateArn"),
      hostedZoneId: ctx("hostedZoneId"),
      hostedZoneName: ctx("hostedZoneName"),
      siteUrl: ctx("siteUrl"),
      supportEmail: ctx("supportEmail"),
    },
    alarmEmail: ctx("alarmEmail"),
  };
}

/** Stack names: `dev-FramePicker`, and `dev-FramePicker-EdgeProtection` / `-EdgeMonitoring` in us-east-1. */
export function buildApp(app: App, options: AppOptions): BuiltApp {
  const config = stageConfig(options.stage);
  const artefacts = resolveArtefacts(options.artefacts);
  const name = `${options.stage}-FramePicker`;
  const env = { account: options.account, region: options.region };
  const usEast1 = { account: options.account, region: "us-east-1" };
  const separateEdge = options.region !== "us-east-1";

  const edgeProtection =
    separateEdge && config.waf
      ? new EdgeProtectionStack(app, `${name}-EdgeProtection`, config, {
          env: usEast1,
          description: `Frame Picker ${options.stage}: WAF web ACL for CloudFront`,
        })
      : undefined;
  const main = new FramePickerStack(app, name, {
    env,
    description: `Frame Picker ${options.stage}`,
    crossRegionReferences: separateEdge,
    terminationProtection: config.isProd,
    config,
    artefacts,
    siteOptions: options.site,
    alarmEmail: options.alarmEmail,
    webAclArn: edgeProtection?.webAclArn,
  });
  const edgeMonitoring = separateEdge
    ? new EdgeMonitoringStack(app, `${name}-EdgeMonitoring`, config, {
        env: usEast1,
        description: `Frame Picker ${options.stage}: CloudFront alarm (its metrics are in us-east-1)`,
        crossRegionReferences: true,
        distributionId: main.web.distribution.distributionId,
        alarmEmail: options.alarmEmail,
      })
    : undefined;

  const all = [edgeProtection, main, edgeMonitoring].filter((s): s is NonNullable<typeof s> => s !== undefined);
  for (const stack of all) {
    Tags.of(stack).add("project", "framepicker");
    Tags.of(stack).add("stage", options.stage);
  }
  // cdk-nag's AwsSolutions rules on every synth: an unsuppressed finding is an error, so
  // `cdk synth` and the deploy stop on it. Each suppression sits next to its construct, with why.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { main, edgeProtection, edgeMonitoring, all };
}
