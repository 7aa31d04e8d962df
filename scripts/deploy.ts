/**
 * `npm run deploy -- --stage dev|staging|prod [--yes]`: the one deploy command. Builds the web
 * app with OpenNext, packages the worker Lambda (with ffmpeg for arm64), then runs `cdk deploy`
 * for the stage's stacks. AWS credentials come from the usual chain (AWS_PROFILE, SSO, or the
 * CI's OIDC role). Without --yes, CDK asks before widening IAM or security groups.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { execVisible } from "./local/exec";
import { bold, describeError, elapsed, fail, say } from "./local/log";

const STAGES = ["dev", "staging", "prod"] as const;
type Stage = (typeof STAGES)[number];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const localBin = (bin: string) => path.join(repoRoot, "node_modules", ".bin", bin);

function parseStage(value: string | undefined): Stage {
  const stage = STAGES.find((s) => s === value);
  if (!stage) throw new Error(`--stage must be one of ${STAGES.join(", ")} (got ${value ?? "nothing"})`);
  return stage;
}

async function step(title: string, command: string, args: string[], cwd = repoRoot): Promise<void> {
  const started = performance.now();
  say(bold(`▸ ${title}`));
  const code = await execVisible(command, args, {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CDK_DISABLE_CLI_TELEMETRY: "true" },
  });
  if (code !== 0) throw new Error(`${title} failed (exit ${code}); nothing after it ran`);
  say(`  done in ${elapsed(started)}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { stage: { type: "string" }, yes: { type: "boolean", default: false } },
  });
  const stage = parseStage(values.stage);
  say(bold(`Deploying Frame Picker to ${stage}`));
  await step("OpenNext build of the web app", process.execPath, ["--import", "tsx", "scripts/build/web.ts"]);
  await step("worker Lambda artefact (arm64, with ffmpeg)", process.execPath, [
    "--import",
    "tsx",
    "scripts/build/worker.ts",
    "--arch",
    "arm64",
  ]);
  // The CDK app (infra/cdk.json) reads .open-next/ and .build/ as built above.
  await step(
    `cdk deploy (${stage})`,
    localBin("cdk"),
    ["deploy", "--all", "-c", `stage=${stage}`, "--no-notices", "--require-approval", values.yes ? "never" : "broadening"],
    path.join(repoRoot, "infra"),
  );
  say(bold(`Frame Picker is deployed to ${stage}; the site URL is in the stack outputs above.`));
}

main().catch((error: unknown) => {
  fail(describeError(error));
  process.exit(1);
});
