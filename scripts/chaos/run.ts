import { setTimeout as sleep } from "node:timers/promises";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bold, describeError, fail, say } from "../local/log";
import { ensureSystemDeps } from "../local/system-deps";
import { auditRun, messagesByJob } from "./audit";
import { makeClips } from "./clips";
import { startFaults } from "./faults";
import { parseOptions } from "./options";
import { renderReport } from "./report";
import { startChaosStack, type ChaosStack } from "./stack";
import { runVisitor, type VisitorRecord } from "./visitor";

/**
 * `npm run chaos`: the local stack under load and faults. N visitors go through the real HTTP API
 * at once while the worker is SIGKILLed every few seconds, PostgreSQL restarts once, and a share
 * of S3 and SQS requests fail; at the end the database and the queues say which jobs were done
 * exactly once, failed, lost, duplicated or stuck. Not part of `npm test`: it takes minutes and
 * its figures are for reading. Exits 1 when a job is lost, duplicated or stuck.
 */

// The AWS SDK warns that it will drop Node 20 in 2027; the project pins Node 20 on purpose (scripts/dev.ts says why).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const scratch = path.join(repoRoot, ".scratch");
const runDir = path.join(scratch, "chaos-run");
const outputFile = path.join(scratch, "chaos-output.txt");

async function openJobs(stack: ChaosStack): Promise<number | null> {
  const result = await stack.db.query<{ n: string }>("SELECT count(*) AS n FROM jobs WHERE status IN ('queued', 'running')").catch(() => null);
  return result ? Number(result.rows[0]?.n ?? 0) : null;
}

async function progressLine(stack: ChaosStack, started: number, visitors: VisitorRecord[], kills: number): Promise<string> {
  const result = await stack.db
    .query<{ status: string; n: string }>("SELECT status, count(*) AS n FROM jobs GROUP BY status ORDER BY status")
    .catch(() => null);
  const jobs = result ? result.rows.map((r) => `${r.status} ${r.n}`).join(", ") || "none yet" : "database unreachable";
  const injected = [...stack.proxy.counts.injected.s3.values(), ...stack.proxy.counts.injected.sqs.values()].reduce((a, b) => a + b, 0);
  return `${Math.round((Date.now() - started) / 1000)} s: visitors finished ${visitors.length}; jobs ${jobs}; kills ${kills}; S3/SQS errors ${injected}`;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date();
  const setupStart = Date.now();
  say(bold("Frame Picker — chaos run"));
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  const deps = await ensureSystemDeps(["ffmpeg", "postgres"]);
  // The tests' video generator finds ffmpeg through FFMPEG_PATH, as the worker does.
  if (deps.ffmpegPath) process.env.FFMPEG_PATH ??= deps.ffmpegPath;
  const clips = await makeClips(runDir);
  say(`clips: ${clips.map((c) => `${c.name} (${(c.bytes.byteLength / 1024).toFixed(0)} KB)`).join(", ")}`);

  const stack = await startChaosStack({ repoRoot, logDir: runDir, deps, errorRate: options.errorRate, timingScale: options.timingScale, say });
  const stopOnSignal = () => void stack.stop().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    const setupMs = Date.now() - setupStart;
    say(`stack ready in ${(setupMs / 1000).toFixed(1)} s at ${stack.baseUrl}; logs in ${path.relative(repoRoot, runDir)}/`);

    const runStart = Date.now();
    const deadline = AbortSignal.timeout(options.deadlineSec * 1000);
    const stopFaults = new AbortController();
    stack.proxy.arm(true);
    const faults = startFaults({
      worker: stack.worker,
      postgres: stack.postgres,
      db: stack.db,
      queueInspection: () => messagesByJob(stack.aws.endpoint),
      killEverySec: options.killEverySec,
      pgRestartAtSec: options.pgRestartAtSec,
      pgDownSec: options.pgDownSec,
      signal: stopFaults.signal,
      say,
    });
    say(`${options.visitors} visitors start now`);
    const finished: VisitorRecord[] = [];
    const visits = Array.from({ length: options.visitors }, (_, i) =>
      runVisitor(i + 1, stack.baseUrl, clips[i % clips.length] ?? clips[0]!, deadline).then((record) => {
        finished.push(record);
        return record;
      }),
    );

    // Until every visitor is through and no job is open (one created by a lost answer has no
    // visitor waiting on it), or the deadline.
    let lastProgress = Date.now();
    while (!deadline.aborted) {
      if (finished.length === visits.length && (await openJobs(stack)) === 0) break;
      if (Date.now() - lastProgress >= 15_000) {
        say(await progressLine(stack, runStart, finished, faults.log.kills.length));
        lastProgress = Date.now();
      }
      await sleep(1000);
    }
    const visitors = await Promise.all(visits);
    const runMs = Date.now() - runStart;
    stopFaults.abort();
    await faults.done;
    stack.proxy.arm(false);
    // Nothing may change while the audit reads: the worker stops first (its in-flight message stays in flight).
    await stack.worker.stop();
    say("auditing the database, the queues and the frames bucket …");
    const audit = await auditRun(stack.db, stack.aws.endpoint, visitors);

    const { text, ok } = renderReport({
      options,
      startedAt,
      setupMs,
      runMs,
      deadlineHit: deadline.aborted,
      visitors,
      audit,
      faults: faults.log,
      proxy: stack.proxy.counts,
      workerCrashes: stack.worker.crashes,
      webCrashes: stack.web.crashes,
      workerLog: stack.worker.logFile,
      webLog: stack.web.logFile,
    });
    console.log(`\n${text}\n`);
    fs.writeFileSync(outputFile, `${text}\n`);
    say(`written to ${path.relative(repoRoot, outputFile)}`);
    return ok ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    fail(describeError(error));
    process.exit(2);
  },
);
