import type { S3Client } from "@aws-sdk/client-s3";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { createS3, createSqs } from "~/core/aws";
import { webEnv } from "~/core/env";
import { getDb, type Db } from "~/db/client";

export type WebEnv = ReturnType<typeof webEnv>;

/** What the API's domain code talks to; tests build their own against the local stack. */
export interface Services {
  db: Db;
  s3: S3Client;
  sqs: SQSClient;
  env: Pick<WebEnv, "UPLOADS_BUCKET" | "FRAMES_BUCKET" | "JOBS_QUEUE_URL">;
}

let services: Services | undefined;

/** The process-wide services, built from the validated environment on first use. */
export function getServices(): Services {
  if (!services) {
    const env = webEnv();
    services = { db: getDb(env.DATABASE_URL), s3: createS3(env), sqs: createSqs(env), env };
  }
  return services;
}
