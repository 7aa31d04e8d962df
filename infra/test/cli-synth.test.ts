import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../lib/artefacts";
import { STAGES } from "../lib/config";

const run = promisify(execFile);
const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), "framepicker-cdk-cli-"));
afterAll(() => fs.rmSync(outRoot, { recursive: true, force: true }));

/** The real CLI and infra/cdk.json (app command, feature flags), offline, as CI runs it. */
describe.each(STAGES)("cdk synth -c stage=%s", (stage) => {
  it("succeeds offline and writes the stage's template", async () => {
    const out = path.join(outRoot, stage);
    const { stdout, stderr } = await run(
      path.join(REPO_ROOT, "node_modules", ".bin", "cdk"),
      ["synth", "-c", `stage=${stage}`, "-c", "artefacts=fixtures", "--no-notices", "-q", "--output", out],
      { cwd: path.join(REPO_ROOT, "infra"), env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: "true" }, maxBuffer: 16 << 20 },
    );
    expect(`${stdout}${stderr}`).not.toMatch(/\bERROR\b/);
    const template = JSON.parse(fs.readFileSync(path.join(out, `${stage}-FramePicker.template.json`), "utf8")) as {
      Resources: Record<string, { Type: string }>;
    };
    expect(Object.values(template.Resources).filter((r) => r.Type === "AWS::CloudFront::Distribution")).toHaveLength(1);
  });
});
