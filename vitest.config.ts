import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

// The AWS SDK warns that it will drop Node 20 in 2027; this project pins Node 20 on purpose (the machines it runs on have Node 20, and fauxqs 1.9 and vitest 4 are pinned for it).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/**
 * Three projects, run one at a time by `npm test`:
 *   unit         pure logic, no services, no ffmpeg: fast
 *   media        real ffmpeg/ffprobe/sharp on videos generated in the tests, no database
 *   integration  real PostgreSQL cluster + fauxqs (S3 + SQS) from tests/setup/integration-global.ts
 *   deploy       the built artefacts (OpenNext server function, worker and migration Lambdas) run
 *                locally against the same services; `npm test` builds them first
 *   infra        the CDK app's synthesized templates (aws-cdk-lib/assertions)
 */
export default defineConfig({
  resolve: { alias: { "~": root } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.{ts,tsx}"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "media",
          include: ["tests/media/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/integration-global.ts"],
          setupFiles: ["tests/setup/integration-env.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Files share one database and one S3/SQS but never each other's rows or queues (random
          // owners, per-file queues), so they run side by side; most of their time is I/O waits.
          maxWorkers: Math.max(2, os.availableParallelism() - 1),
        },
      },
      {
        extends: true,
        test: {
          name: "deploy",
          include: ["tests/deploy/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/integration-global.ts"],
          setupFiles: ["tests/setup/integration-env.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: "infra",
          include: ["infra/test/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
