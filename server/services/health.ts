import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { sql } from "drizzle-orm";
import { FRAMES_PREFIX, UPLOADS_PREFIX } from "~/core/storage-keys";
import type { Services } from "./runtime";

/** A dependency that answers slower than this counts as failing: an uptime check must not hang. */
export const HEALTH_CHECK_TIMEOUT_MS = 3000;

export const HEALTH_CHECKS = ["database", "queue", "uploads", "frames"] as const;
export type HealthCheck = (typeof HEALTH_CHECKS)[number];

export interface HealthReport {
  ok: boolean;
  /** Only "ok" or "failing" per dependency: what failed and why goes to the log, not to whoever asks. */
  checks: Record<HealthCheck, "ok" | "failing">;
}

/**
 * Whether the web app can reach what it needs, each with the cheapest read its role allows: the
 * database, both job queues, and both buckets under the prefixes it may list.
 */
export async function checkHealth(svc: Services): Promise<HealthReport> {
  const probes: Record<HealthCheck, (signal: AbortSignal) => Promise<unknown>> = {
    database: () => svc.db.execute(sql`select 1`),
    queue: (signal) =>
      Promise.all(
        [svc.env.JOBS_QUEUE_URL, svc.env.JOBS_PRIORITY_QUEUE_URL].map((QueueUrl) =>
          svc.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }), { abortSignal: signal }),
        ),
      ),
    uploads: (signal) =>
      svc.s3.send(new ListObjectsV2Command({ Bucket: svc.env.UPLOADS_BUCKET, Prefix: UPLOADS_PREFIX, MaxKeys: 1 }), { abortSignal: signal }),
    frames: (signal) =>
      svc.s3.send(new ListObjectsV2Command({ Bucket: svc.env.FRAMES_BUCKET, Prefix: FRAMES_PREFIX, MaxKeys: 1 }), { abortSignal: signal }),
  };
  const results = await Promise.all(
    HEALTH_CHECKS.map(async (name) => {
      const signal = AbortSignal.timeout(HEALTH_CHECK_TIMEOUT_MS);
      try {
        await Promise.race([probes[name](signal), abortedBy(signal)]);
        return [name, "ok"] as const;
      } catch (err) {
        console.error(`health: ${name} is failing:`, err);
        return [name, "failing"] as const;
      }
    }),
  );
  const checks = Object.fromEntries(results) as Record<HealthCheck, "ok" | "failing">;
  return { ok: results.every(([, state]) => state === "ok"), checks };
}

/** Rejects when the signal aborts (the database driver takes no signal of its own). */
function abortedBy(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
}
