import type { OpenNextConfig } from "@opennextjs/aws/types/open-next.js";

/**
 * How `npx open-next build` (@opennextjs/aws 4.1.12) turns the Next app into Lambda bundles under
 * .open-next/; infra/ deploys them from .open-next/open-next.output.json.
 *
 * Caching: every page and route renders per request (sessions, quotas, presigned URLs) and the
 * app uses no ISR, no `revalidate`, no revalidateTag/revalidatePath. So the incremental cache,
 * tag cache and revalidation queue are the "dummy" overrides and both caches are disabled below:
 * the build emits no revalidation or DynamoDB-seeding function, and the stack needs no cache
 * bucket prefix, DynamoDB table or revalidation SQS queue. If a page ever opts into ISR, switch
 * these to "s3-lite" / "dynamodb-lite" / "sqs-lite" and add those resources.
 */
const config = {
  // package.json has no `build` script (OpenNext's default command): run Next's build directly.
  buildCommand: "npx --no-install next build",
  default: {
    override: {
      // Lambda Function URL with response streaming (CloudFront → URL, InvokeMode RESPONSE_STREAM).
      wrapper: "aws-lambda-streaming",
      converter: "aws-apigw-v2",
      incrementalCache: "dummy",
      tagCache: "dummy",
      queue: "dummy",
    },
  },
  imageOptimization: {
    // npm 11 ignores `--arch`, so `--cpu=arm64` is what selects the arm64 sharp binary (verified: the installed binary is arm64).
    install: {
      packages: ["sharp@0.35.5"],
      os: "linux",
      arch: "arm64",
      libc: "glibc",
      nodeVersion: "18",
      additionalArgs: "--cpu=arm64",
    },
  },
  dangerous: {
    disableIncrementalCache: true,
    disableTagCache: true,
  },
} satisfies OpenNextConfig;

export default config;
