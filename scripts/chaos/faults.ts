import type pg from "pg";
import type { RestartablePostgres } from "./postgres";
import type { Supervised } from "./supervised";

/**
 * The faults a run injects on a schedule (the S3/SQS errors live in the proxy): the worker
 * SIGKILLed every few seconds and restarted, and one PostgreSQL restart. For each kill it notes
 * which job the worker was running, and then watches for that job to be claimed again (its
 * `attempts` goes up): the time in between is the retry latency.
 */

export interface Interruption {
  jobId: string;
  attemptsAtKill: number;
  killedAt: number;
  /** When its message was first seen ready to receive again, no longer in flight (polled every 0.5 s). */
  readyAgainAt?: number;
  /** When the job was seen claimed again (polled every 0.5 s). */
  ranAgainAt?: number;
  /** It ended without running again: "done" means the kill landed just after it finished. */
  endedAs?: string;
}

export interface FaultLog {
  kills: number[];
  /** Kills whose snapshot of the running job failed (the database was down). */
  blindKills: number;
  interruptions: Interruption[];
  pgRestarts: Array<{ at: number; downMs: number; error?: string }>;
}

/** Waits `ms`, or less if the run ends meanwhile. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });

/**
 * The job the killed worker was on: read after the kill (nothing can move then), a `running` row
 * written to lately, and not one an earlier kill already left behind.
 */
async function runningJobs(db: pg.Pool, log: FaultLog): Promise<Array<{ id: string; attempts: number }>> {
  const { rows } = await db.query<{ id: string; attempts: number }>(
    "SELECT id, attempts FROM jobs WHERE status = 'running' AND updated_at > now() - interval '30 seconds'",
  );
  const known = new Set(log.interruptions.map((i) => `${i.jobId}/${i.attemptsAtKill}`));
  return rows.filter((row) => !known.has(`${row.id}/${row.attempts}`));
}

async function killLoop(worker: Supervised, db: pg.Pool, everyMs: number, log: FaultLog, signal: AbortSignal): Promise<void> {
  for (;;) {
    await sleep(everyMs, signal);
    if (signal.aborted) return;
    const at = Date.now();
    const seen: { running: Array<{ id: string; attempts: number }> | null } = { running: null };
    const killed = await worker.killAndRestart(async () => {
      seen.running = await runningJobs(db, log).catch(() => null);
    });
    if (!killed) continue;
    log.kills.push(at);
    if (!seen.running) log.blindKills++;
    for (const job of seen.running ?? []) log.interruptions.push({ jobId: job.id, attemptsAtKill: job.attempts, killedAt: at });
  }
}

/**
 * Watches each interrupted job until it is claimed again, noting on the way when its message was
 * ready to receive again: the kill → ready part is the timing policy's (a dead worker's message
 * comes back within `runningVisibilitySec`), ready → claimed is the job waiting its turn.
 */
async function watchRetries(db: pg.Pool, queueInspection: () => Promise<Map<string, string[]>>, log: FaultLog, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const pending = log.interruptions.filter((i) => i.ranAgainAt === undefined && i.endedAs === undefined);
    const notReady = pending.filter((i) => i.readyAgainAt === undefined);
    if (notReady.length > 0) {
      const messages = await queueInspection().catch(() => null);
      const now = Date.now();
      for (const interruption of notReady) {
        if (messages?.get(interruption.jobId)?.some((where) => where.endsWith(": ready"))) interruption.readyAgainAt = now;
      }
    }
    if (pending.length > 0) {
      const result = await db
        .query<{ id: string; attempts: number; status: string }>("SELECT id, attempts, status FROM jobs WHERE id = ANY($1::uuid[])", [pending.map((i) => i.jobId)])
        .catch(() => null);
      const now = Date.now();
      for (const row of result?.rows ?? []) {
        for (const interruption of pending.filter((i) => i.jobId === row.id)) {
          if (row.attempts > interruption.attemptsAtKill) {
            interruption.ranAgainAt = now;
            // Received and claimed between two polls: ready no later than claimed.
            interruption.readyAgainAt ??= now;
          }
          else if (["done", "failed", "cancelled"].includes(row.status)) interruption.endedAs = row.status;
        }
      }
    }
    await sleep(500, signal);
  }
}

async function restartPostgresAt(postgres: RestartablePostgres, atMs: number, downMs: number, log: FaultLog, signal: AbortSignal, say: (line: string) => void): Promise<void> {
  await sleep(atMs, signal);
  if (signal.aborted) return;
  const at = Date.now();
  say(`fault: restarting PostgreSQL (down for ${downMs / 1000} s) …`);
  try {
    await postgres.restart(downMs);
    log.pgRestarts.push({ at, downMs: Date.now() - at });
    say(`fault: PostgreSQL is back after ${((Date.now() - at) / 1000).toFixed(1)} s`);
  } catch (error) {
    log.pgRestarts.push({ at, downMs: Date.now() - at, error: error instanceof Error ? error.message : String(error) });
    say(`fault: PostgreSQL restart failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Starts every scheduled fault; resolves the returned promise once all have stopped after `signal`. */
export function startFaults(opts: {
  worker: Supervised;
  postgres: RestartablePostgres;
  db: pg.Pool;
  /** The emulator's view of the queues (audit.ts): jobId → where its messages are. */
  queueInspection: () => Promise<Map<string, string[]>>;
  killEverySec: number;
  pgRestartAtSec: number | null;
  pgDownSec: number;
  signal: AbortSignal;
  say: (line: string) => void;
}): { log: FaultLog; done: Promise<void> } {
  const log: FaultLog = { kills: [], blindKills: 0, interruptions: [], pgRestarts: [] };
  const tasks = [watchRetries(opts.db, opts.queueInspection, log, opts.signal)];
  if (opts.killEverySec > 0) tasks.push(killLoop(opts.worker, opts.db, opts.killEverySec * 1000, log, opts.signal));
  if (opts.pgRestartAtSec !== null) {
    tasks.push(restartPostgresAt(opts.postgres, opts.pgRestartAtSec * 1000, opts.pgDownSec * 1000, log, opts.signal, opts.say));
  }
  return { log, done: Promise.all(tasks).then(() => undefined) };
}
