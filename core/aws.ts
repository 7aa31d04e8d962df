import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import type { AwsEnv } from "./env";

type AwsConfig = Pick<AwsEnv, "AWS_REGION" | "S3_ENDPOINT" | "S3_FORCE_PATH_STYLE" | "SQS_ENDPOINT">;

/**
 * S3 client. Checksums only when an operation requires them: otherwise the SDK puts an
 * empty-body CRC32 into presigned PUT URLs and real S3 rejects the browser's upload (no emulator catches it; tests/unit/presign.test.ts does).
 */
export function createS3(env: AwsConfig): S3Client {
  return new S3Client({
    region: env.AWS_REGION,
    ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

/** SQS client; an emulator's queue URLs name hosts that do not resolve, so its endpoint is explicit. */
export function createSqs(env: AwsConfig): SQSClient {
  return new SQSClient({
    region: env.AWS_REGION,
    ...(env.SQS_ENDPOINT ? { endpoint: env.SQS_ENDPOINT } : {}),
  });
}
