import fs from "node:fs";
import type { Audit, JobAudit, JobVerdict } from "./audit";
import type { FaultCounts, Service } from "./fault-proxy";
import type { FaultLog } from "./faults";
import type { ChaosOptions } from "./options";
import type { CrashRecord } from "./supervised";
import type { VisitorRecord } from "./visitor";

/** The figures a run prints (and keeps in .scratch/chaos-output.txt). */

export interface RunFacts {
  options: ChaosOptions;
  startedAt: Date;
  setupMs: number;
  runMs: number;
  deadlineHit: boolean;
  visitors: VisitorRecord[];
  audit: Audit;
  faults: FaultLog;
  proxy: FaultCounts;
  workerCrashes: CrashRecord[];
  webCrashes: CrashRecord[];
  workerLog: string;
  webLog: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const minutes = (ms: number) => `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
const tally = (items: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
};
const listTally = (items: readonly string[]) => tally(items).map(([what, n]) => `${what} ×${n}`).join(", ");

function table(rows: Array<[string, string | number, string?]>): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => String(value).length));
  return rows.map(([label, value, note]) => `  ${label.padEnd(width)}  ${String(value).padStart(valueWidth)}${note ? `  ${note}` : ""}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function proxyLine(counts: FaultCounts, service: Service): [string, number, string] {
  const seen = [...counts.seen[service].values()].reduce((a, b) => a + b, 0);
  const injected = [...counts.injected[service]];
  const total = injected.reduce((a, [, n]) => a + n, 0);
  const byOp = injected.sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ${n}`).join(", ");
  return [`${service === "s3" ? "S3" : "SQS"} errors returned (500/503)`, total, `of ${seen} requests${byOp ? `: ${byOp}` : ""}`];
}

/** Lines of the worker's log that say what went wrong on its side, counted. */
function workerLogFigures(text: string): string {
  if (!text) return "(no worker log)";
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  return [
    `${count(/: attempt \d+ failed \(delivery \d+\)/g)} attempts failed and handed back`,
    `${count(/: unhandled/g)} unhandled (the failure handling failed too)`,
    `${count(/worker: polling failed/g)} polls of SQS failed`,
    `${count(/could not (extend the visibility|set the retry delay)/g)} visibility changes failed`,
  ].join(", ");
}

/** What the worker's log says about one job: deliveries that failed before or after its claim. */
function jobLogEvidence(log: string, jobId: string): string {
  const count = (pattern: string) => log.split(`job ${jobId}: ${pattern}`).length - 1;
  const unhandled = count("unhandled");
  const failed = count("attempt ");
  return [unhandled ? `worker log: ${unhandled} deliveries failed before the claim (unhandled)` : "", failed ? `worker log: ${failed} attempts failed` : ""]
    .filter(Boolean)
    .join(", ");
}

function jobLine(job: JobAudit, log: string, faults: FaultLog): string {
  const why = job.evidence.length > 0 ? job.evidence.join("; ") : (job.errorReason ?? "");
  const kills = faults.interruptions.filter((i) => i.jobId === job.id).length;
  const fromLog = [kills ? `killed mid-attempt ${kills}×` : "", jobLogEvidence(log, job.id)].filter(Boolean).join(", ");
  return `    ${job.id}  ${job.status.padEnd(7)} attempts ${job.attempts}  frames ${job.frameRows}/${job.framesAsked}  ${why}${fromLog ? ` [${fromLog}]` : ""}`;
}

function readLog(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

export function renderReport(facts: RunFacts): { text: string; ok: boolean } {
  const { options, audit, faults, visitors } = facts;
  const workerLog = readLog(facts.workerLog);
  const webUncaught = readLog(facts.webLog).split("uncaughtException:").length - 1;
  const verdicts = (v: JobVerdict) => audit.jobs.filter((j) => j.verdict === v);
  const [lost, duplicated, stuck, failed] = [verdicts("lost"), verdicts("duplicated"), verdicts("stuck"), verdicts("failed")];
  const ok = lost.length + duplicated.length + stuck.length === 0;

  const rerun = faults.interruptions.filter((i) => i.ranAgainAt !== undefined);
  const latencies = rerun.map((i) => (i.ranAgainAt ?? 0) - i.killedAt);
  const backInQueue = rerun.map((i) => (i.readyAgainAt ?? i.ranAgainAt ?? 0) - i.killedAt);
  const waitingTurn = rerun.map((i) => (i.ranAgainAt ?? 0) - (i.readyAgainAt ?? i.ranAgainAt ?? 0));
  const spread = (ms: number[]) => (ms.length ? `median ${seconds(median(ms))}, max ${seconds(Math.max(...ms))}` : "");
  const notRerun = faults.interruptions.filter((i) => i.ranAgainAt === undefined);
  const withoutJob = visitors.filter((v) => !v.jobId);
  const pgRestart = faults.pgRestarts.map((r) => `down ${seconds(r.downMs)}${r.error ? `, FAILED: ${r.error}` : ""}`).join("; ");
  const frameMismatch = visitors.filter((v) => v.outcome === "done" && v.framesListed !== undefined && v.framesListed > v.framesAsked);

  const lines = [
    `Frame Picker chaos run, ${facts.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    `${options.visitors} visitors at once · worker SIGKILL every ${options.killEverySec} s · PostgreSQL restart ${options.pgRestartAtSec === null ? "off" : `at ${options.pgRestartAtSec} s, ${options.pgDownSec} s down`} · ${(options.errorRate * 100).toFixed(1)} % of S3/SQS requests answered 500/503 · job timing scale ${options.timingScale} · deadline ${options.deadlineSec} s`,
    "",
    "jobs",
    ...table([
      ["jobs created", audit.jobs.length, `by ${new Set(audit.jobs.map((j) => j.ownerId)).size} visitors`],
      ["done exactly once", verdicts("done-once").length],
      ["failed", failed.length, failed.length ? listTally(failed.map((j) => j.errorReason ?? "(no reason)")) : ""],
      ["cancelled", verdicts("cancelled").length],
      ["lost (open, no message left)", lost.length],
      ["duplicated (committed twice, extra frames)", duplicated.length],
      ["stuck (open at the end)", stuck.length],
      ["visitors without a job", withoutJob.length, withoutJob.length ? listTally(withoutJob.map((v) => `${v.endError?.step ?? "?"}: ${v.endError?.failure.label ?? v.outcome}`)) : ""],
      ["visitors with more than one job", audit.multiJobOwners.length],
    ]),
    "",
    "retry latency (worker SIGKILL → the interrupted job claimed again)",
    ...table([
      ["jobs interrupted by a kill", faults.interruptions.length],
      ["ran again", latencies.length, spread(latencies)],
      ["kill → its message back in the queue", "", spread(backInQueue)],
      ["back in the queue → claimed (its turn)", "", spread(waitingTurn)],
      ["did not run again", notRerun.length, notRerun.length ? listTally(notRerun.map((i) => (i.endedAs === "done" ? "finished just before the kill" : `ended ${i.endedAs ?? "not yet"}`))) : ""],
    ]),
    "",
    "faults injected",
    ...table([
      ["worker SIGKILLs", faults.kills.length, faults.blindKills ? `(${faults.blindKills} while the database was down: running job unknown)` : ""],
      ["worker crashes (exits not caused by a kill)", facts.workerCrashes.length, facts.workerCrashes.length ? `exit codes ${facts.workerCrashes.map((c) => c.code).join(", ")}` : ""],
      ["web app crashes", facts.webCrashes.length, webUncaught ? `(its log shows ${webUncaught} uncaught exceptions it survived)` : ""],
      ["PostgreSQL restarts", faults.pgRestarts.length, pgRestart],
      proxyLine(facts.proxy, "s3"),
      proxyLine(facts.proxy, "sqs"),
    ]),
    "",
    `visitor retries (the user pressing again): ${visitors.reduce((n, v) => n + v.retries.length, 0)}${visitors.some((v) => v.retries.length) ? ` (${listTally(visitors.flatMap((v) => v.retries.map((r) => `${r.step} ${r.label}`)))})` : ""}`,
    `job status polls that failed: ${visitors.reduce((n, v) => n + v.pollErrors, 0)}`,
    `worker log: ${workerLogFigures(workerLog)}`,
    `frame objects left by interrupted attempts: ${audit.jobs.filter((j) => j.objects > j.frameRows * 2).length} jobs with objects beyond their frames, ${audit.orphanPrefixes} prefixes without a job`,
    `videos charged twice against the allowance: ${audit.doubleCharges}`,
    ...(frameMismatch.length ? [`visitors listed more frames than they asked for: ${frameMismatch.length}`] : []),
    ...(facts.workerCrashes.length ? ["", "worker crashes (from its log):", ...facts.workerCrashes.slice(0, 5).map((c) => `    exit ${c.code}: ${c.logTail}`)] : []),
    ...(facts.webCrashes.length ? ["", "web app crashes (from its log):", ...facts.webCrashes.slice(0, 5).map((c) => `    exit ${c.code}: ${c.logTail}`)] : []),
    ...([...lost, ...duplicated, ...stuck, ...failed].length ? ["", "jobs to look at:", ...[...lost, ...duplicated, ...stuck, ...failed].slice(0, 20).map((job) => jobLine(job, workerLog, faults))] : []),
    "",
    `wall time ${minutes(facts.runMs)} (setup ${seconds(facts.setupMs)} more)${facts.deadlineHit ? ", deadline reached" : ""}`,
    `target, every job done exactly once: ${verdicts("done-once").length} of ${audit.jobs.length}, ${verdicts("done-once").length === audit.jobs.length && audit.jobs.length > 0 ? "met" : "NOT met"}`,
    ok ? "PASS: 0 lost, 0 duplicated, 0 stuck" : `FAIL: ${lost.length} lost, ${duplicated.length} duplicated, ${stuck.length} stuck`,
  ];
  return { text: lines.join("\n"), ok };
}
