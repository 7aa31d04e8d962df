import path from "node:path";
import { fileURLToPath } from "node:url";
import { execVisible } from "./local/exec";
import { bold, describeError, dim, elapsed, fail, green, red, say } from "./local/log";
import { depsEnv, ensureSystemDeps } from "./local/system-deps";

/**
 * `npm test`: every check the project has, cheapest first, stopping at the first failure, with
 * the wall time of each step. Steps: deps (ffmpeg, PostgreSQL, Chromium), lint, typecheck, unit,
 * media, integration, e2e; `npm test -- unit integration` runs only the named ones.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => path.join(repoRoot, "node_modules", ".bin", name);

// The AWS SDK warns that it will drop Node 20 in 2027; this project pins Node 20 on purpose (STACK.md).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.NEXT_TELEMETRY_DISABLED = "1";

interface Step {
  name: string;
  run: () => Promise<void>;
}

async function command(name: string, args: string[]): Promise<void> {
  const code = await execVisible(bin(name), args, { cwd: repoRoot, env: process.env });
  if (code !== 0) throw new Error(`${name} ${args.join(" ")} exited with ${code}`);
}

const steps: Step[] = [
  {
    name: "deps",
    run: async () => {
      const found = await ensureSystemDeps(["ffmpeg", "postgres", "chromium"]);
      // Later steps (media tests, the cluster, Playwright) find the programs through these.
      for (const [key, value] of Object.entries(depsEnv(found))) process.env[key] ??= value;
    },
  },
  { name: "lint", run: () => command("eslint", ["."]) },
  { name: "typecheck", run: () => command("tsc", ["--noEmit", "-p", "."]) },
  { name: "unit", run: () => command("vitest", ["run", "--project", "unit"]) },
  { name: "media", run: () => command("vitest", ["run", "--project", "media"]) },
  { name: "integration", run: () => command("vitest", ["run", "--project", "integration"]) },
  { name: "e2e", run: () => command("playwright", ["test"]) },
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
  const results: Array<{ name: string; outcome: "passed" | "failed" | "skipped"; time: string }> = [];
  let failure: string | undefined;
  for (const step of chosenSteps()) {
    if (failure) {
      results.push({ name: step.name, outcome: "skipped", time: "" });
      continue;
    }
    say(bold(`${step.name} …`));
    const stepStarted = performance.now();
    try {
      await step.run();
      results.push({ name: step.name, outcome: "passed", time: elapsed(stepStarted) });
      say(`${step.name} ${green("passed")} ${dim(`in ${elapsed(stepStarted)}`)}`);
    } catch (error) {
      failure = describeError(error);
      results.push({ name: step.name, outcome: "failed", time: elapsed(stepStarted) });
      fail(`${step.name} failed in ${elapsed(stepStarted)}: ${failure}`);
    }
  }
  const mark = { passed: green("✓"), failed: red("✗"), skipped: dim("-") };
  console.log(`\n${bold("Summary")}`);
  for (const r of results) console.log(`  ${mark[r.outcome]} ${r.name.padEnd(12)} ${r.outcome === "skipped" ? dim("skipped") : r.time}`);
  console.log(`  ${failure ? red("FAILED") : green("PASSED")} in ${elapsed(started)}`);
  return failure ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    fail(describeError(error));
    process.exit(1);
  },
);
