import { inject } from "vitest";
import { createS3, createSqs } from "~/core/aws";
import type { LocalAwsEnv } from "~/scripts/local/aws";

/**
 * What the integration global setup started, as env vars (the app's env contract). Spread it into
 * a child process's env, or read single values; the setup file also copies it into process.env.
 */
export interface TestEnv extends LocalAwsEnv {
  DATABASE_URL: string;
  AUTH_SECRET: string;
  FFMPEG_PATH?: string;
  FFPROBE_PATH?: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    integrationEnv: TestEnv;
  }
}

/** Only in the `integration` project: its global setup provides the values. */
export function testEnv(): TestEnv {
  const env = inject("integrationEnv");
  if (!env) throw new Error("testEnv() is only available in the integration project (tests/integration/**)");
  return env;
}

/** S3 and SQS clients built by the app's own factories, pointed at the local stack. */
export function testAwsClients() {
  const env = testEnv();
  const config = {
    AWS_REGION: env.AWS_REGION,
    S3_ENDPOINT: env.S3_ENDPOINT,
    S3_FORCE_PATH_STYLE: true,
    SQS_ENDPOINT: env.SQS_ENDPOINT,
  };
  return { s3: createS3(config), sqs: createSqs(config) };
}

/** The local S3/SQS connection and buckets, for a child process (a Lambda run locally); queues are the caller's. */
export function localAwsChildEnv(): Record<string, string> {
  const env = testEnv();
  return {
    AWS_REGION: env.AWS_REGION,
    AWS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: env.AWS_SECRET_ACCESS_KEY,
    S3_ENDPOINT: env.S3_ENDPOINT,
    S3_FORCE_PATH_STYLE: env.S3_FORCE_PATH_STYLE,
    SQS_ENDPOINT: env.SQS_ENDPOINT,
    UPLOADS_BUCKET: env.UPLOADS_BUCKET,
    FRAMES_BUCKET: env.FRAMES_BUCKET,
  };
}
