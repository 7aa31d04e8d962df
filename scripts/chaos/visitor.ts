import { setTimeout as sleep } from "node:timers/promises";
import { createVisitorClient, describeFailure, StorageError, type ApiFailure, type VisitorClient } from "./api-client";
import type { Clip } from "./clips";

/**
 * One anonymous visitor doing what the browser does: load the page (which sets the identity
 * cookie), create an upload, PUT the bytes to the presigned URL, complete it, create a job, poll
 * its status every second (job-view.tsx) and list the frames when it is done. Where the page shows
 * an error the user would press the button again; the visitor does that too, a few times, and
 * records every retry with its reason.
 */

export type Step = "page" | "upload.create" | "s3.put" | "upload.complete" | "job.create" | "job.status" | "job.frames";
export type Outcome = "done" | "failed" | "cancelled" | "gave-up" | "blocked" | "deadline";

export interface VisitorRecord {
  index: number;
  clip: string;
  ownerId?: string;
  jobId?: string;
  retries: Array<{ step: Step; label: string }>;
  outcome: Outcome;
  /** What ended a visit without a finished job. */
  endError?: { step: Step; failure: ApiFailure };
  /** Job statuses in the order polled, repeats dropped (the page stops polling once the job ends). */
  statuses: string[];
  /** The job's finishedAt when first seen ended, against the database's at the end. */
  firstFinishedAt?: string;
  framesListed?: number;
  framesAsked: number;
  pollErrors: number;
}

/** The settings the visitor picks: the quickest preset, few frames, so 100 jobs fit on 2 cores. */
export const JOB_SETTINGS = { mode: "action", quality: "fast", count: 2, minIntervalSec: 0.5, format: "jpeg" } as const;
const USER_TRIES = 6;
const POLL_MS = 1000;
const TERMINAL = new Set(["done", "failed", "cancelled"]);


class GiveUp extends Error {
  constructor(readonly step: Step, readonly failure: ApiFailure) {
    super(failure.message);
  }
}

/** Runs `action` until it succeeds, a final error, or the user's patience (USER_TRIES) runs out. */
async function tryAsUser<T>(
  record: VisitorRecord,
  stepOf: Step | (() => Step),
  action: () => Promise<T>,
  onFailure?: () => Promise<void>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      const failure = describeFailure(error);
      const step = typeof stepOf === "function" ? stepOf() : stepOf;
      await onFailure?.().catch(() => undefined);
      if (!failure.retryable || attempt >= USER_TRIES) throw new GiveUp(step, failure);
      record.retries.push({ step, label: failure.label });
      await sleep(Math.min(10_000, 2000 * attempt));
    }
  }
}

async function loadPage(client: VisitorClient, baseUrl: string): Promise<void> {
  const response = await client.fetch(`${baseUrl}/`);
  await response.arrayBuffer();
  if (response.status >= 500) throw new Error(`page answered ${response.status}`);
}

async function upload(client: VisitorClient, record: VisitorRecord, clip: Clip): Promise<string> {
  let videoId: string | undefined;
  let step: Step = "upload.create";
  // A failed PUT or complete makes the browser drop the half-made video, and the user starts over.
  const dropOnServer = async () => {
    if (videoId) await client.trpc.upload.abort.mutate({ videoId });
    videoId = undefined;
  };
  return tryAsUser(
    record,
    () => step,
    async () => {
      step = "upload.create";
      const ticket = await client.trpc.upload.create.mutate({ name: `chaos-${record.index}.mp4`, type: "video/mp4", size: clip.bytes.byteLength });
      videoId = ticket.videoId;
      if (ticket.method !== "put") throw new Error(`expected a single PUT for a ${clip.bytes.byteLength}-byte clip, got ${ticket.method}`);
      step = "s3.put";
      const put = await fetch(ticket.url, { method: "PUT", headers: ticket.headers, body: clip.bytes, signal: AbortSignal.timeout(60_000) });
      if (!put.ok) throw new StorageError(put.status, await put.text());
      step = "upload.complete";
      await client.trpc.upload.complete.mutate({ videoId: ticket.videoId });
      return ticket.videoId;
    },
    dropOnServer,
  );
}

async function pollUntilEnded(client: VisitorClient, record: VisitorRecord, jobId: string, deadline: AbortSignal): Promise<void> {
  while (!deadline.aborted) {
    try {
      const view = await client.trpc.job.status.query({ jobId });
      if (record.statuses.at(-1) !== view.status) record.statuses.push(view.status);
      if (TERMINAL.has(view.status)) {
        record.firstFinishedAt ??= view.finishedAt?.toISOString();
        record.outcome = view.status === "done" ? "done" : view.status === "failed" ? "failed" : "cancelled";
        return;
      }
    } catch {
      // The job page says "Lost contact with the server; retrying…" and keeps polling.
      record.pollErrors++;
    }
    await sleep(POLL_MS);
  }
  record.outcome = "deadline";
}

export async function runVisitor(index: number, baseUrl: string, clip: Clip, deadline: AbortSignal): Promise<VisitorRecord> {
  const client = createVisitorClient(baseUrl);
  const record: VisitorRecord = { index, clip: clip.name, retries: [], outcome: "gave-up", statuses: [], framesAsked: JOB_SETTINGS.count, pollErrors: 0 };
  try {
    await tryAsUser(record, "page", () => loadPage(client, baseUrl));
    record.ownerId = client.ownerId();
    const videoId = await upload(client, record, clip);
    const { jobId } = await tryAsUser(record, "job.create", () => client.trpc.job.create.mutate({ videoId, ...JOB_SETTINGS }));
    record.jobId = jobId;
    await pollUntilEnded(client, record, jobId, deadline);
    if (record.outcome === "done") {
      // The results page: its frames and their presigned URLs. Failing here does not undo "done".
      const listed = await tryAsUser(record, "job.frames", () => client.trpc.job.frames.query({ jobId })).catch((error: unknown) => {
        if (error instanceof GiveUp) record.endError = { step: error.step, failure: error.failure };
        return undefined;
      });
      record.framesListed = listed?.frames.length;
    }
  } catch (error) {
    if (!(error instanceof GiveUp)) throw error;
    record.endError = { step: error.step, failure: error.failure };
    // A limit that refuses the visitor (TOO_MANY_REQUESTS …) is the product's rule, reported as such.
    record.outcome = error.failure.retryable ? "gave-up" : "blocked";
  }
  record.ownerId ??= client.ownerId();
  return record;
}
