import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { runMigrations } from "~/db/migrate";
import { randomAuthSecret } from "~/scripts/local/auth-secret";
import { startLocalAws } from "~/scripts/local/aws";
import { sweepStaleClusters } from "~/scripts/local/postgres-cluster";
import { startPostgres } from "~/scripts/local/postgres";
import { freePort } from "~/scripts/local/ports";
import { findFfmpeg, findPostgresBinDir } from "~/scripts/local/system-deps";
import type { TestEnv } from "./test-env";

const CLUSTER_PREFIX = "frame-picker-test-pg-";

/**
 * Once per `vitest --project integration` run: a fresh PostgreSQL cluster on a free port with the
 * migrations applied, and S3 + SQS (fauxqs) on another; the values reach test files via inject().
 * Files share both and run in parallel, so each test uses its own random owner ids and queues.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const binDir = findPostgresBinDir();
  if (!binDir) {
    throw new Error("Integration tests need the PostgreSQL server binaries: run `npm test` once, or install postgresql / set PG_BIN_DIR.");
  }
  await sweepStaleClusters(os.tmpdir(), CLUSTER_PREFIX, binDir);

  const home = fs.mkdtempSync(path.join(os.tmpdir(), CLUSTER_PREFIX));
  const pg = await startPostgres({ dataDir: home, port: await freePort(), persistent: false });
  let aws: Awaited<ReturnType<typeof startLocalAws>> | undefined;
  try {
    await runMigrations(pg.url);
    aws = await startLocalAws({ port: 0 });
  } catch (error) {
    await pg.stop();
    throw error;
  }

  const ffmpeg = findFfmpeg();
  const env: TestEnv = {
    ...aws.env,
    DATABASE_URL: pg.url,
    AUTH_SECRET: randomAuthSecret(),
    ...(ffmpeg ? { FFMPEG_PATH: ffmpeg.ffmpegPath, FFPROBE_PATH: ffmpeg.ffprobePath } : {}),
  };
  project.provide("integrationEnv", env);

  const localAws = aws;
  return async () => {
    await localAws.stop();
    await pg.stop();
  };
}
