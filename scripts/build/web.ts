/**
 * `npm run build:web`: the OpenNext build of the web app (.open-next/, read by infra/), then the
 * checks that make it deployable: the server function under Lambda's 250 MB unzipped limit and
 * free of worker/tooling packages, the image optimiser carrying sharp's Linux arm64 binary.
 * Prints the sizes; exits non-zero on any failure.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execVisible } from "../local/exec";
import { bold, describeError, elapsed, fail, say } from "../local/log";
import {
  assertImageOptimizerHasSharp,
  assertServerFunctionFits,
  formatMiB,
  LAMBDA_UNZIPPED_LIMIT_BYTES,
  measureBundle,
  type BundleSize,
} from "./web-bundle";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const openNextDir = path.join(repoRoot, ".open-next");

function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Secrets and URLs come from the Lambda's environment at run time, not from the build.
    SKIP_ENV_VALIDATION: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // OpenNext reads the build from .next/; the e2e run's own dist dir must not leak in.
  delete env.NEXT_DIST_DIR;
  return env;
}

function line(label: string, size: BundleSize): string {
  return `  ${label.padEnd(28)} ${formatMiB(size.unzippedBytes).padStart(9)} unzipped  ${formatMiB(size.zippedBytes).padStart(9)} zipped  ${size.files} files`;
}

async function main(): Promise<void> {
  const started = performance.now();
  say(bold("OpenNext build of the web app"));
  const code = await execVisible(path.join(repoRoot, "node_modules", ".bin", "open-next"), ["build"], {
    cwd: repoRoot,
    env: buildEnv(),
  });
  if (code !== 0) throw new Error(`open-next build exited with ${code}`);
  say(`built in ${elapsed(started)}`);

  const server = await assertServerFunctionFits(path.join(openNextDir, "server-functions", "default"));
  const image = await assertImageOptimizerHasSharp(path.join(openNextDir, "image-optimization-function"));
  const assets = await measureBundle(path.join(openNextDir, "assets"));
  say(bold("Bundle sizes"));
  console.log(line("server function (default)", server));
  console.log(`  ${"".padEnd(28)} limit ${formatMiB(LAMBDA_UNZIPPED_LIMIT_BYTES)} unzipped: ${((100 * server.unzippedBytes) / LAMBDA_UNZIPPED_LIMIT_BYTES).toFixed(0)}% used`);
  console.log(line("image optimisation function", image));
  console.log(line("static assets (S3)", assets));
}

main().catch((error: unknown) => {
  fail(describeError(error));
  process.exitCode = 1;
});
