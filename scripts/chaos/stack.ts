import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import pg from "pg";
import { startLocalAws, type LocalAws, type LocalAwsEnv } from "../local/aws";
import { freePort } from "../local/ports";
import { depsEnv, type FoundDeps } from "../local/system-deps";
import { startFaultProxy, type FaultProxy } from "./fault-proxy";
import { startRestartablePostgres, type RestartablePostgres } from "./postgres";
import { supervise, type Supervised } from "./supervised";
import { WORKER_PROCESS_ENV } from "../../core/worker-process";

/**
 * The throwaway stack a chaos run drives: its own PostgreSQL cluster, the S3 + SQS emulator with
 * the fault proxy in front, the web app started by `scripts/dev.ts --ephemeral` itself (pointed at
 * those through the environment, as its README describes for real services), and the worker
 * runner, which this run starts and kills itself.
 */

export interface ChaosStack {
  baseUrl: string;
  postgres: RestartablePostgres;
  aws: LocalAws;
  proxy: FaultProxy;
  web: Supervised;
  worker: Supervised;
  /** The run's own connection, for snapshots and the final audit; survives the restart. */
  db: pg.Pool;
  stop(): Promise<void>;
}


async function waitForWeb(url: string, web: Supervised, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(120_000) });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`the web app did not answer at ${url} within ${timeoutMs / 1000} s; see ${web.logFile}`);
}

export async function startChaosStack(opts: {
  repoRoot: string;
  logDir: string;
  deps: FoundDeps;
  errorRate: number;
  timingScale: number;
  say: (line: string) => void;
}): Promise<ChaosStack> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    opts.say("starting PostgreSQL (a throwaway cluster) …");
    const postgres = await startRestartablePostgres();
    stops.push(() => postgres.stop());
    opts.say("starting S3 + SQS (fauxqs) and the fault proxy in front of it …");
    const aws = await startLocalAws({ port: 0 });
    stops.push(() => aws.stop());
    const proxy = await startFaultProxy({ upstream: aws.endpoint, errorRate: opts.errorRate });
    stops.push(() => proxy.stop());
    // Both the app and the worker reach S3 and SQS only through the proxy; so do the presigned
    // upload URLs, which the app signs for its S3 endpoint.
    const awsEnv: LocalAwsEnv = { ...aws.env, S3_ENDPOINT: proxy.endpoint, SQS_ENDPOINT: proxy.endpoint };
    const common = { ...process.env, ...depsEnv(opts.deps), ...awsEnv, DATABASE_URL: postgres.url, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };

    const port = await freePort();
    opts.say(`starting the web app (scripts/dev.ts --ephemeral) on port ${port} …`);
    const web = supervise({
      name: "web",
      command: [process.execPath, "--import", "tsx", "scripts/dev.ts", "--ephemeral", "--no-worker"],
      cwd: opts.repoRoot,
      env: { ...common, PORT: String(port) },
      logDir: opts.logDir,
    });
    stops.push(() => web.stop());
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForWeb(`${baseUrl}/`, web, 300_000);
    // Compile the API route before the crowd arrives (next dev compiles a route on its first request).
    await fetch(`${baseUrl}/api/trpc/viewer.me`, { signal: AbortSignal.timeout(120_000) }).then((r) => r.arrayBuffer());

    opts.say("starting the worker (worker/local-runner.ts) …");
    const worker = supervise({
      name: "worker",
      command: [process.execPath, "--import", "tsx", path.join("worker", "local-runner.ts")],
      cwd: opts.repoRoot,
      env: { ...common, ...WORKER_PROCESS_ENV, JOB_TIMING_SCALE: String(opts.timingScale) },
      logDir: opts.logDir,
    });
    stops.push(() => worker.stop());

    const db = new pg.Pool({ connectionString: postgres.url, max: 4, connectionTimeoutMillis: 2000 });
    // A restart cuts idle connections; the pool drops them and connects again on the next query.
    db.on("error", () => undefined);
    stops.push(() => db.end());

    return { baseUrl, postgres, aws, proxy, web, worker, db, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
