import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";
import { MAX_DELIVERIES } from "./job-timing";

/**
 * The one place environment variables are read and validated. The web app and the worker need
 * different subsets (least privilege), so each has its own accessor; both validate on first use
 * and fail with a message that names every missing or malformed variable.
 */

const optionalUrl = z.url().optional();
const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

const awsVars = {
  AWS_REGION: z.string().min(1).default("us-east-1"),
  /** Set only for an emulator (fauxqs) or an S3-compatible store; unset means real AWS. */
  S3_ENDPOINT: optionalUrl,
  S3_FORCE_PATH_STYLE: flag,
  SQS_ENDPOINT: optionalUrl,
  UPLOADS_BUCKET: z.string().min(3, "UPLOADS_BUCKET must name the S3 bucket that receives uploads"),
  FRAMES_BUCKET: z.string().min(3, "FRAMES_BUCKET must name the S3 bucket that holds rendered frames"),
  JOBS_QUEUE_URL: z.url("JOBS_QUEUE_URL must be the URL of the SQS queue that feeds the worker"),
  /** Pro jobs go here; the worker drains it before the standard queue. */
  JOBS_PRIORITY_QUEUE_URL: z.url("JOBS_PRIORITY_QUEUE_URL must be the URL of the SQS queue for Pro jobs"),
};

const dbVars = {
  DATABASE_URL: z.url("DATABASE_URL must be a postgres:// connection URL"),
};

const workerOnlyVars = {
  /** The jobs queue's dead-letter queue; the local runner drains it (in AWS a Lambda does). */
  JOBS_DLQ_URL: optionalUrl,
  FFMPEG_PATH: z.string().min(1).optional(),
  FFPROBE_PATH: z.string().min(1).optional(),
  /** Receives per message before the worker gives up on a job and the message goes to the DLQ. */
  WORKER_MAX_RECEIVES: z.coerce.number().int().min(1).max(20).default(MAX_DELIVERIES),
  /**
   * Tests only: the queue's waits of the job timing policy (core/job-timing.ts scaledJobTiming)
   * multiplied by this, so a killed worker's job comes back in seconds. 1 everywhere else.
   */
  JOB_TIMING_SCALE: z.coerce.number().positive().max(1).default(1),
  /** How often the local runner sweeps expired videos and frames (in AWS a schedule does). */
  RETENTION_SWEEP_INTERVAL_SEC: z.coerce.number().int().min(10).max(86_400).default(600),
};

const optionalSecret = z.string().min(1).optional();

const webOnlyVars = {
  AUTH_SECRET: z
    .string()
    .min(32, "AUTH_SECRET must be at least 32 characters (generate one with `openssl rand -base64 33`)"),
  /** Where people write to us (the contact page); support@<APP_URL's host> when unset. */
  SUPPORT_EMAIL: z.email("SUPPORT_EMAIL must be an email address, e.g. support@framepicker.example").optional(),
  /** The site's public origin; return URLs (Stripe) are built from it, never from the client. */
  APP_URL: z.url("APP_URL must be the site's origin, e.g. https://framepicker.example").default("http://localhost:3000"),
  // OAuth providers appear when both halves of their credentials are set.
  AUTH_GITHUB_ID: optionalSecret,
  AUTH_GITHUB_SECRET: optionalSecret,
  AUTH_GOOGLE_ID: optionalSecret,
  AUTH_GOOGLE_SECRET: optionalSecret,
  // Billing is on when the Stripe key is set; then the rest of this group is required.
  STRIPE_SECRET_KEY: optionalSecret,
  STRIPE_WEBHOOK_SECRET: optionalSecret,
  STRIPE_PRICE_MONTHLY: optionalSecret,
  STRIPE_PRICE_YEARLY: optionalSecret,
  /**
   * Set in AWS (from Secrets Manager): CloudFront sends it in `x-origin-verify`, and requests
   * without it (someone calling the function URL directly, around the WAF) are refused.
   */
  ORIGIN_VERIFY_SECRET: z.string().min(32, "ORIGIN_VERIFY_SECRET must be at least 32 characters").optional(),
  /** Only for tests: where outbound Stripe calls go (a loopback fake), e.g. http://127.0.0.1:12111. */
  STRIPE_API_BASE: optionalUrl,
};

/** Variables that only make sense together; named in the same error format as the schema's. */
function requireTogether(env: Record<string, unknown>, groups: ReadonlyArray<readonly string[]>): string[] {
  const problems: string[] = [];
  for (const group of groups) {
    const set = group.filter((name) => env[name] !== undefined);
    if (set.length > 0 && set.length < group.length) {
      for (const name of group.filter((n) => !set.includes(n))) {
        problems.push(`  - ${name}: required when ${set.join(", ")} ${set.length > 1 ? "are" : "is"} set`);
      }
    }
  }
  return problems;
}

const common = {
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  skipValidation: process.env.SKIP_ENV_VALIDATION === "1",
} as const;

function failWith(who: string) {
  return (issues: readonly { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> }[]): never => {
    const lines = issues.map((i) => {
      const name = (i.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join(".");
      return `  - ${name || "?"}: ${i.message}`;
    });
    throw new Error(`Invalid environment for the ${who}:\n${lines.join("\n")}`);
  };
}

function memo<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

export const webEnv = memo(() => {
  const env = createEnv({
    ...common,
    server: { ...dbVars, ...awsVars, ...webOnlyVars },
    onValidationError: failWith("web app"),
  });
  if (!common.skipValidation) {
    const problems = requireTogether(env, [
      ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
      ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
      ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_MONTHLY", "STRIPE_PRICE_YEARLY"],
    ]);
    if (problems.length > 0) throw new Error(`Invalid environment for the web app:\n${problems.join("\n")}`);
  }
  return env;
});

export const workerEnv = memo(() =>
  createEnv({ ...common, server: { ...dbVars, ...awsVars, ...workerOnlyVars }, onValidationError: failWith("worker") }),
);

/** The AWS settings both processes share. */
export type AwsEnv = Pick<ReturnType<typeof webEnv>, keyof typeof awsVars>;
