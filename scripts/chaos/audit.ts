import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import type pg from "pg";
import { LOCAL_AWS } from "../local/aws";
import { framesPrefixOf } from "../../core/storage-keys";
import type { VisitorRecord } from "./visitor";

/**
 * What the database and the emulator say at the end, job by job. Evidence used:
 * - the job row: status, attempts, error, frames asked;
 * - its frame rows: more rows than asked or a rank twice means it was committed more than once;
 * - what its visitor saw: a job seen ended that ends otherwise, or with another finish time, was
 *   run again after it ended;
 * - the queues (fauxqs inspection, messages ready, delayed and in flight, DLQ included): an open
 *   job with no message left will never run again (lost); one with a message is stuck;
 * - the frames bucket: objects beyond the delivered frames' (stray writes of killed attempts).
 */

export type JobVerdict = "done-once" | "duplicated" | "failed" | "cancelled" | "lost" | "stuck";

export interface JobAudit {
  id: string;
  ownerId: string;
  status: string;
  attempts: number;
  errorReason: string | null;
  framesAsked: number;
  frameRows: number;
  distinctRanks: number;
  objects: number;
  messages: string[];
  verdict: JobVerdict;
  evidence: string[];
}

export interface Audit {
  jobs: JobAudit[];
  /** Visitors with more than one job, though each asked for one. */
  multiJobOwners: Array<{ ownerId: string; jobs: number }>;
  /** Objects under a job prefix with no job row at all. */
  orphanPrefixes: number;
  /** Videos charged against the allowance more than once (a retried job.create must not charge twice). */
  doubleCharges: number;
}

interface JobRow {
  id: string;
  owner_id: string;
  status: string;
  attempts: number;
  error_reason: string | null;
  frame_count: number;
  frames_prefix: string;
  finished_at: Date | null;
  frame_rows: string;
  distinct_ranks: string;
}

const TERMINAL = new Set(["done", "failed", "cancelled"]);

interface InspectedQueue {
  messages: Record<"ready" | "delayed" | "inflight", Array<{ body?: string; message?: { body?: string } }>>;
}

/** jobId → where its messages are ("frame-picker-jobs: inflight", …), from the emulator directly. */
export async function messagesByJob(endpoint: string): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const queue of [LOCAL_AWS.jobsQueue, LOCAL_AWS.jobsPriorityQueue, LOCAL_AWS.jobsDlq]) {
    const response = await fetch(`${endpoint}/_fauxqs/queues/${queue}`);
    if (!response.ok) throw new Error(`inspecting ${queue} answered ${response.status}`);
    const inspected = (await response.json()) as InspectedQueue;
    for (const state of ["ready", "delayed", "inflight"] as const) {
      for (const entry of inspected.messages[state]) {
        const body = entry.message?.body ?? entry.body ?? "";
        let jobId = "(unreadable)";
        try {
          jobId = String((JSON.parse(body) as { jobId?: unknown }).jobId);
        } catch {
          // a poison message: no job to attribute it to
        }
        found.set(jobId, [...(found.get(jobId) ?? []), `${queue}: ${state}`]);
      }
    }
  }
  return found;
}

async function objectsByPrefix(endpoint: string): Promise<Map<string, number>> {
  const s3 = new S3Client({
    region: LOCAL_AWS.region,
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: LOCAL_AWS.accessKeyId, secretAccessKey: LOCAL_AWS.secretAccessKey },
  });
  const counts = new Map<string, number>();
  try {
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: LOCAL_AWS.framesBucket, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const prefix = object.Key ? framesPrefixOf(object.Key) : null;
        if (prefix) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } finally {
    s3.destroy();
  }
  return counts;
}

function verdictOf(row: JobRow, frameRows: number, ranks: number, messages: string[], seenBy: VisitorRecord | undefined): { verdict: JobVerdict; evidence: string[] } {
  const evidence: string[] = [];
  const seenEnd = seenBy?.jobId === row.id ? seenBy.statuses.find((s) => TERMINAL.has(s)) : undefined;
  // An ended job never changes again: one that did was run (and maybe committed) after it ended.
  if (seenEnd && seenEnd !== row.status) {
    return { verdict: "duplicated", evidence: [`the visitor saw it ${seenEnd}, it ends ${row.status} (attempts ${row.attempts})`] };
  }
  if (!TERMINAL.has(row.status)) {
    return messages.length > 0
      ? { verdict: "stuck", evidence: [`${row.status}, attempts ${row.attempts}; message ${messages.join(", ")}`] }
      : { verdict: "lost", evidence: [`${row.status}, attempts ${row.attempts}; no message left in any queue`] };
  }
  if (frameRows > row.frame_count) evidence.push(`${frameRows} frame rows for ${row.frame_count} asked`);
  if (ranks !== frameRows) evidence.push(`${frameRows} frame rows but ${ranks} distinct ranks`);
  if (row.status !== "done" && frameRows > 0) evidence.push(`${row.status} but ${frameRows} frame rows`);
  const finished = row.finished_at?.toISOString();
  if (seenEnd && seenBy?.firstFinishedAt && finished && seenBy.firstFinishedAt !== finished) {
    evidence.push(`finished at ${seenBy.firstFinishedAt} when the visitor saw it, ${finished} at the end`);
  }
  if (evidence.length > 0) return { verdict: "duplicated", evidence };
  if (row.status === "done") return { verdict: "done-once", evidence };
  return { verdict: row.status === "failed" ? "failed" : "cancelled", evidence };
}

export async function auditRun(db: pg.Pool, awsEndpoint: string, visitors: VisitorRecord[]): Promise<Audit> {
  const { rows } = await db.query<JobRow>(`
    SELECT j.id, j.owner_id, j.status, j.attempts, j.error_reason, j.frame_count, j.frames_prefix, j.finished_at,
           (SELECT count(*) FROM frames f WHERE f.job_id = j.id) AS frame_rows,
           (SELECT count(DISTINCT f.rank) FROM frames f WHERE f.job_id = j.id) AS distinct_ranks
    FROM jobs j ORDER BY j.created_at`);
  const messages = await messagesByJob(awsEndpoint);
  const objects = await objectsByPrefix(awsEndpoint);
  const visitorByOwner = new Map(visitors.filter((v) => v.ownerId).map((v) => [v.ownerId, v]));

  const jobs = rows.map((row): JobAudit => {
    const frameRows = Number(row.frame_rows);
    const ranks = Number(row.distinct_ranks);
    const queued = messages.get(row.id) ?? [];
    const { verdict, evidence } = verdictOf(row, frameRows, ranks, queued, visitorByOwner.get(row.owner_id));
    return {
      id: row.id,
      ownerId: row.owner_id,
      status: row.status,
      attempts: row.attempts,
      errorReason: row.error_reason,
      framesAsked: row.frame_count,
      frameRows,
      distinctRanks: ranks,
      objects: objects.get(row.frames_prefix) ?? 0,
      messages: queued,
      verdict,
      evidence,
    };
  });

  const perOwner = new Map<string, number>();
  for (const job of jobs) perOwner.set(job.ownerId, (perOwner.get(job.ownerId) ?? 0) + 1);
  const prefixes = new Set(rows.map((r) => r.frames_prefix));
  const charges = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM (SELECT 1 FROM quota_charges WHERE released_at IS NULL GROUP BY owner_id, video_id HAVING count(*) > 1) twice",
  );
  return {
    jobs,
    multiJobOwners: [...perOwner].filter(([, n]) => n > 1).map(([ownerId, n]) => ({ ownerId, jobs: n })),
    orphanPrefixes: [...objects.keys()].filter((p) => !prefixes.has(p)).length,
    doubleCharges: Number(charges.rows[0]?.n ?? 0),
  };
}
