import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runMigrations } from "../db/migrate";
import { startLocalAws, LOCAL_AWS } from "./local/aws";
import { ensureAuthSecret, randomAuthSecret } from "./local/auth-secret";
import { execVisible } from "./local/exec";
import { bold, describeError, dim, elapsed, fail, green, say, warn } from "./local/log";
import { freePort, isPortFree, preferPort } from "./local/ports";
import { startPostgres } from "./local/postgres";
import { startManaged, type ManagedProcess } from "./local/processes";
import { depsEnv, ensureSystemDeps } from "./local/system-deps";
import { WORKER_PROCESS_ENV } from "../core/worker-process";

/**
 * `npm run dev`: the whole app on this machine with nothing to configure. Starts (unless the
 * environment points elsewhere) PostgreSQL and S3 + SQS, applies migrations, then runs Next and
 * the worker runner with the right environment. Ctrl-C stops everything in order.
 *
 * Flags: --ephemeral  throwaway database and free ports for everything (used by Playwright, so it
 *                     never collides with a running dev instance); needs PostgreSQL binaries.
 *        --worker F   run F instead of worker/local-runner.ts.
 *        --no-worker  start no worker (`npm run chaos` starts, kills and restarts its own).
 *        --production build the web app and serve it with `next start`, as users are served, instead
 *                     of `next dev`, which compiles on demand (the UI wait benchmark uses it).
 * Env:   PORT (web, default 3000), LOCAL_PG_PORT (54320), LOCAL_AWS_PORT (4566), and every
 *        variable of the app's env contract, which wins over the local defaults.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const localDir = path.join(repoRoot, ".local");
const { values: flags } = parseArgs({
  options: { ephemeral: { type: "boolean", default: false }, worker: { type: "string", default: "worker/local-runner.ts" }, "no-worker": { type: "boolean", default: false }, production: { type: "boolean", default: false } },
});
const ephemeral = flags.ephemeral;

// The AWS SDK warns that it will drop Node 20 in 2027; this project pins Node 20 on purpose (the machines it runs on have Node 20, and fauxqs 1.9 and vitest 4 are pinned for it).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

type Cleanup = { what: string; run: () => Promise<void> };
const cleanups: Cleanup[] = [];
const children: ManagedProcess[] = [];
let shuttingDown = false;

async function shutdown(exitCode: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    say("stopping …");
    await Promise.all(children.map((child) => child.stop()));
    for (const cleanup of cleanups.reverse()) {
      await cleanup.run().catch((error: unknown) => warn(`stopping ${cleanup.what} failed: ${describeError(error)}`));
    }
    say("stopped");
    process.exit(exitCode);
  }
  return new Promise<never>(() => {});
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

interface Service {
  label: string;
  where: string;
  note: string;
}

async function provideDatabase(): Promise<{ url: string; service: Service }> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, service: { label: "database", where: redactPassword(given), note: "from DATABASE_URL" } };
  const home = ephemeral ? fs.mkdtempSync(path.join(os.tmpdir(), "frame-picker-e2e-pg-")) : path.join(localDir, "pg");
  const port = ephemeral ? await freePort() : await preferPort(Number(process.env.LOCAL_PG_PORT ?? 54320));
  say("starting PostgreSQL …");
  const pg = await startPostgres({
    dataDir: home,
    port,
    persistent: !ephemeral,
    pgliteDir: ephemeral ? undefined : path.join(localDir, "pglite"),
  });
  cleanups.push({ what: "PostgreSQL", run: pg.stop });
  const note =
    pg.kind === "cluster"
      ? ephemeral
        ? "throwaway PostgreSQL cluster"
        : "PostgreSQL cluster, data in .local/pg"
      : "PGlite (no PostgreSQL installed), data in .local/pglite";
  return { url: pg.url, service: { label: "database", where: pg.url, note } };
}

async function provideAws(): Promise<{ env: Record<string, string>; service: Service }> {
  if (process.env.JOBS_QUEUE_URL) {
    return { env: {}, service: { label: "S3 + SQS", where: process.env.JOBS_QUEUE_URL, note: "from your AWS_* / S3_* / JOBS_QUEUE_URL env" } };
  }
  const port = ephemeral ? 0 : await preferPort(Number(process.env.LOCAL_AWS_PORT ?? 4566));
  const aws = await startLocalAws({ port });
  cleanups.push({ what: "S3 + SQS", run: aws.stop });
  const note = `fauxqs in memory: buckets ${LOCAL_AWS.uploadsBucket}, ${LOCAL_AWS.framesBucket}; queues ${LOCAL_AWS.jobsQueue}, ${LOCAL_AWS.jobsPriorityQueue} (+ DLQ)`;
  return { env: aws.env, service: { label: "S3 + SQS", where: aws.endpoint, note } };
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "****";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

async function webPort(): Promise<number> {
  const asked = process.env.PORT;
  if (!asked) return preferPort(3000);
  if (!(await isPortFree(Number(asked)))) throw new Error(`PORT=${asked} is already in use`);
  return Number(asked);
}

/** Waits until Next answers (any status) and has compiled the home page once, so the first visit is quick. */
async function waitForWeb(url: string, web: ManagedProcess): Promise<void> {
  let exited = false;
  void web.exited.then(() => (exited = true));
  while (!exited && !shuttingDown) {
    try {
      await fetch(url, { redirect: "manual" });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

function supervise(child: ManagedProcess): void {
  children.push(child);
  void child.exited.then((code) => {
    if (shuttingDown) return;
    fail(`${child.name} exited with code ${code}; stopping everything`);
    void shutdown(code === 0 ? 1 : code);
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  say(bold(`Frame Picker — local stack${ephemeral ? " (ephemeral)" : ""}`));
  const deps = await ensureSystemDeps(ephemeral ? ["ffmpeg", "postgres"] : ["ffmpeg"]);
  const database = await provideDatabase();
  const aws = await provideAws();
  say(`applying database migrations to ${redactPassword(database.url)} …`);
  await runMigrations(database.url);

  const port = await webPort();
  const authSecret = process.env.AUTH_SECRET ?? (ephemeral ? randomAuthSecret() : ensureAuthSecret(path.join(localDir, "auth-secret")));
  const local: Record<string, string> = {
    ...depsEnv(deps),
    ...aws.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: authSecret,
    APP_URL: `http://localhost:${port}`,
    // A separate Next build dir, so an ephemeral run can sit beside `npm run dev` (Next locks its dir).
    ...(ephemeral ? { NEXT_DIST_DIR: ".next-e2e" } : {}),
    // A throwaway server gains nothing from Turbopack's on-disk cache, and on a fresh checkout
    // writing it took 41 s of both cores while the first test ran (a route then compiled in 14 s).
    ...(ephemeral ? { NEXT_DEV_DISK_CACHE: "off" } : {}),
  };
  // What the user set wins over every local default.
  const env: NodeJS.ProcessEnv = {
    ...local,
    ...process.env,
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
    ...(process.stdout.isTTY ? { FORCE_COLOR: "1" } : {}),
  };

  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const labelWidth = 6;
  if (flags.production) {
    say("building the web app (next build) …");
    const code = await execVisible(process.execPath, [nextBin, "build"], { cwd: repoRoot, env });
    if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
  }
  const web = startManaged("web", process.execPath, [nextBin, flags.production ? "start" : "dev", "--port", String(port)], { cwd: repoRoot, env, labelWidth });
  supervise(web);

  const workerEntry = path.resolve(repoRoot, flags.worker);
  let workerNote: string;
  if (flags["no-worker"]) {
    workerNote = "not started (--no-worker)";
  } else if (fs.existsSync(workerEntry)) {
    supervise(startManaged("worker", process.execPath, ["--import", "tsx", workerEntry], { cwd: repoRoot, env: { ...env, ...WORKER_PROCESS_ENV }, labelWidth }));
    workerNote = path.relative(repoRoot, workerEntry);
  } else {
    workerNote = `not started: ${path.relative(repoRoot, workerEntry)} does not exist yet (jobs stay queued)`;
    warn(`worker ${workerNote}`);
  }

  const url = `http://localhost:${port}`;
  await waitForWeb(`http://127.0.0.1:${port}/`, web);
  if (shuttingDown) return;
  const rows: Service[] = [
    { label: "web", where: url, note: flags.production ? "next start (production build)" : "next dev" },
    { label: "worker", where: workerNote, note: "" },
    database.service,
    aws.service,
  ];
  console.log(
    [
      "",
      `${green("●")} ${bold(`Frame Picker is ready at ${url}`)} ${dim(`(${elapsed(started)})`)}`,
      ...rows.map((r) => `  ${r.label.padEnd(9)} ${r.where}${r.note ? dim(`  ${r.note}`) : ""}`),
      dim("  Ctrl-C stops everything."),
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  fail(describeError(error));
  void shutdown(1);
});
