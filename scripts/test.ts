import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { licenceProblems, productionTree } from "./build/sbom";
import { checkLockfile } from "./checks/lockfile";
import { lintWorkflows } from "./checks/workflows";
import { execVisible } from "./local/exec";
import { bold, describeError, dim, elapsed, fail, green, red, say } from "./local/log";
import { depsEnv, ensureSystemDeps } from "./local/system-deps";

/**
 * `npm test`: every check the project has, cheapest first, stopping at the first failure, with
 * the wall time of each step. Steps: deps (ffmpeg, PostgreSQL, Chromium, zip), lint (ESLint,
 * actionlint on the workflows, the lock against package.json, the production tree's licences), typecheck, unit, media, infra (CDK templates), integration,
 * build (OpenNext), deploy (the built Lambdas run locally), e2e; `npm test -- unit integration`
 * runs only the named ones.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => path.join(repoRoot, "node_modules", ".bin", name);

// The AWS SDK warns that it will drop Node 20 in 2027; this project pins Node 20 on purpose (the machines it runs on have Node 20, and fauxqs 1.9 and vitest 4 are pinned for it).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.NEXT_TELEMETRY_DISABLED = "1";

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface Step {
  name: string;
  /** Test steps report how many tests passed, failed and were skipped. */
  run: () => Promise<Counts | void>;
}

async function command(name: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const code = await execVisible(bin(name), args, { cwd: repoRoot, env });
  if (code !== 0) throw new Error(`${name} ${args.join(" ")} exited with ${code}`);
}

let reportDir: string | undefined;
async function reportFile(name: string): Promise<string> {
  reportDir ??= await mkdtemp(path.join(os.tmpdir(), "frame-picker-test-reports-"));
  return path.join(reportDir, `${name}.json`);
}

/** Runs a test command that writes a JSON report, and reads its counts even when tests failed. */
async function counted(run: (report: string) => Promise<void>, read: (json: unknown) => Counts, name: string) {
  const report = await reportFile(name);
  let failure: unknown;
  await run(report).catch((error: unknown) => (failure = error));
  const counts = await readFile(report, "utf8").then(
    (text) => read(JSON.parse(text)),
    () => undefined,
  );
  if (counts) tally(counts);
  if (failure) throw failure;
  return counts;
}

function vitestProject(project: string): () => Promise<Counts | undefined> {
  return () =>
    counted(
      (report) =>
        command("vitest", ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]),
      (json) => {
        const r = json as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
        return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
      },
      project,
    );
}

function playwrightRun(): Promise<Counts | undefined> {
  return counted(
    (report) =>
      command("playwright", ["test", "--reporter=list,json"], { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report }),
    (json) => {
      const { stats } = json as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
    },
    "e2e",
  );
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
function tally(c: Counts) {
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
}

const steps: Step[] = [
  {
    name: "deps",
    run: async () => {
      const found = await ensureSystemDeps(["ffmpeg", "postgres", "chromium", "zip"]);
      // Later steps (media tests, the cluster, Playwright) find the programs through these.
      for (const [key, value] of Object.entries(depsEnv(found))) process.env[key] ??= value;
    },
  },
  {
    name: "lint",
    run: async () => {
      await command("eslint", ["."]);
      const problems = await lintWorkflows();
      if (problems.length > 0) throw new Error(`actionlint:\n${problems.join("\n")}`);
      say("GitHub Actions workflows: actionlint found no problems");
      const lockProblems = await checkLockfile();
      if (lockProblems.length > 0) throw new Error(`package-lock.json:\n${lockProblems.join("\n")}`);
      say("package-lock.json: complete, and in step with package.json");
      // The bundles are built from the production tree: nothing in it may be unshippable.
      const licences = licenceProblems(await productionTree());
      if (licences.length > 0) throw new Error(`licences the project cannot ship:\n${licences.join("\n")}`);
      say("licences of the production dependencies: nothing the project cannot ship");
    },
  },
  { name: "typecheck", run: () => command("tsc", ["--noEmit", "-p", "."]) },
  { name: "unit", run: vitestProject("unit") },
  { name: "media", run: vitestProject("media") },
  { name: "infra", run: vitestProject("infra") },
  { name: "integration", run: vitestProject("integration") },
  // The OpenNext build the deploy ships; the deploy tests run its server function (the worker
  // tests build their own artefacts, for both architectures).
  { name: "build", run: () => command("tsx", ["scripts/build/web.ts"]) },
  { name: "deploy", run: vitestProject("deploy") },
  { name: "e2e", run: playwrightRun },
];

function chosenSteps(): Step[] {
  const asked = process.argv.slice(2);
  if (asked.length === 0) return steps;
  const unknown = asked.filter((name) => !steps.some((s) => s.name === name));
  if (unknown.length > 0) {
    fail(`unknown step ${unknown.join(", ")}; steps: ${steps.map((s) => s.name).join(", ")}`);
    process.exit(2);
  }
  return steps.filter((s) => asked.includes(s.name));
}

async function main(): Promise<number> {
  const started = performance.now();
  const results: Array<{ name: string; outcome: "passed" | "failed" | "skipped"; time: string; tests?: string }> = [];
  let failure: string | undefined;
  for (const step of chosenSteps()) {
    if (failure) {
      results.push({ name: step.name, outcome: "skipped", time: "" });
      continue;
    }
    say(bold(`${step.name} …`));
    const stepStarted = performance.now();
    try {
      const counts = await step.run();
      const tests = counts ? `${counts.passed} tests` : undefined;
      results.push({ name: step.name, outcome: "passed", time: elapsed(stepStarted), tests });
      say(`${step.name} ${green("passed")} ${dim(`in ${elapsed(stepStarted)}`)}`);
    } catch (error) {
      failure = describeError(error);
      results.push({ name: step.name, outcome: "failed", time: elapsed(stepStarted) });
      fail(`${step.name} failed in ${elapsed(stepStarted)}: ${failure}`);
    }
  }
  const mark = { passed: green("✓"), failed: red("✗"), skipped: dim("-") };
  console.log(`\n${bold("Summary")}`);
  for (const r of results) {
    const detail = r.outcome === "skipped" ? dim("skipped") : `${r.time.padEnd(9)}${r.tests ? dim(r.tests) : ""}`;
    console.log(`  ${mark[r.outcome]} ${r.name.padEnd(12)} ${detail}`);
  }
  console.log(`  ${failure ? red("FAILED") : green("PASSED")} in ${elapsed(started)}`);
  if (reportDir) await rm(reportDir, { recursive: true, force: true });
  // The last line, plain, for tools that read a run's closing line.
  console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return failure ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    fail(describeError(error));
    process.exit(1);
  },
);
