import type { S3Client } from "@aws-sdk/client-s3";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { createS3, createSqs } from "~/core/aws";
import { webEnv } from "~/core/env";
import { getDb, type Db } from "~/db/client";
import { billingFromEnv, type Billing } from "~/server/billing/stripe-client";

export type WebEnv = ReturnType<typeof webEnv>;

/** What the API's domain code talks to; tests build their own against the local stack. */
export interface Services {
  db: Db;
  s3: S3Client;
  sqs: SQSClient;
  env: Pick<WebEnv, "UPLOADS_BUCKET" | "FRAMES_BUCKET" | "JOBS_QUEUE_URL" | "JOBS_PRIORITY_QUEUE_URL" | "APP_URL">;
  /** Stripe, or null when billing is not configured. */
  billing: Billing | null;
}

let services: Services | undefined;

/** The process-wide services, built from the validated environment on first use. */
export function getServices(): Services {
  if (!services) {
    const env = webEnv();
    services = {
      db: getDb(env.DATABASE_URL),
      s3: createS3(env),
      sqs: createSqs(env),
      env,
      billing: billingFromEnv(env),
    };
  }
  return services;
}
