import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { buildApp } from "fauxqs";
import { MAX_DELIVERIES } from "../../core/job-timing";

/**
 * S3 + SQS on one local port (fauxqs, in this process, memory only), shaped like the real
 * deployment: two private buckets, the jobs queue with its dead-letter queue. Two gaps of fauxqs
 * against real S3 are filled here: CORS, and the response-* overrides of presigned GETs.
 */

export const LOCAL_AWS = {
  region: "us-east-1",
  // fauxqs checks no signatures; the SDK only needs something to sign with.
  accessKeyId: "local",
  secretAccessKey: "local-secret",
  uploadsBucket: "frame-picker-uploads",
  framesBucket: "frame-picker-frames",
  jobsQueue: "frame-picker-jobs",
  jobsPriorityQueue: "frame-picker-jobs-priority",
  jobsDlq: "frame-picker-jobs-dlq",
  /** The worker's WORKER_MAX_RECEIVES default and the deployed redrive policy. */
  maxReceiveCount: MAX_DELIVERIES,
  /** A backstop: the worker times its messages itself (core/job-timing.ts). */
  visibilityTimeoutSec: 300,
} as const;

/** The AWS part of the env contract (core/env.ts), plus JOBS_DLQ_URL for tests and tools. */
export type LocalAwsEnv = {
  AWS_REGION: string;
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  S3_ENDPOINT: string;
  S3_FORCE_PATH_STYLE: string;
  SQS_ENDPOINT: string;
  UPLOADS_BUCKET: string;
  FRAMES_BUCKET: string;
  JOBS_QUEUE_URL: string;
  JOBS_PRIORITY_QUEUE_URL: string;
  JOBS_DLQ_URL: string;
};

export interface LocalAws {
  endpoint: string;
  env: LocalAwsEnv;
  stop(): Promise<void>;
}

/**
 * The slice of fauxqs's Fastify app we use. Its published types do not resolve here (buildApp()
 * comes out as `any`), so the boundary is typed by hand.
 */
interface HookRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}
interface HookReply {
  statusCode: number;
  header(name: string, value: string): HookReply;
  code(status: number): HookReply;
  send(): HookReply;
}
interface FauxqsApp {
  addHook(event: "onRequest", hook: (request: HookRequest, reply: HookReply) => Promise<HookReply | undefined>): unknown;
  addHook(event: "onSend", hook: (request: HookRequest, reply: HookReply, payload: unknown) => Promise<unknown>): unknown;
  listen(options: { port: number; host: string }): Promise<string>;
  close(): Promise<void>;
}

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * fauxqs has no CORS, but the browser PUTs uploads straight to S3 from another origin: answer
 * preflights and let every response be read cross-origin, with ETag visible (multipart needs it).
 */
function allowBrowserAccess(app: FauxqsApp): void {
  app.addHook("onRequest", async (request, reply) => {
    const origin = firstHeader(request.headers.origin);
    reply.header("access-control-allow-origin", origin ?? "*");
    reply.header("access-control-expose-headers", "ETag");
    if (origin) reply.header("vary", "Origin");
    if (request.method !== "OPTIONS") return;
    reply.header("access-control-allow-methods", "GET,PUT,POST,DELETE,HEAD");
    reply.header("access-control-allow-headers", firstHeader(request.headers["access-control-request-headers"]) ?? "*");
    reply.header("access-control-max-age", "3600");
    return reply.code(204).send();
  });
}

/** Query parameters of a presigned GET that S3 turns into response headers (fauxqs ignores them). */
const RESPONSE_OVERRIDES: Record<string, string> = {
  "response-content-disposition": "content-disposition",
  "response-content-type": "content-type",
  "response-cache-control": "cache-control",
  "response-content-language": "content-language",
  "response-content-encoding": "content-encoding",
  "response-expires": "expires",
};

/** Honour them as S3 does, so a download link names its file locally too. */
function honourResponseOverrides(app: FauxqsApp): void {
  app.addHook("onSend", async (request, reply, payload) => {
    if ((request.method === "GET" || request.method === "HEAD") && reply.statusCode < 300) {
      const query = new URL(request.url, "http://local").searchParams;
      for (const [param, header] of Object.entries(RESPONSE_OVERRIDES)) {
        const value = query.get(param);
        if (value !== null) reply.header(header, value);
      }
    }
    return payload;
  });
}

async function createResources(
  endpoint: string,
): Promise<{ queueUrl: string; priorityQueueUrl: string; dlqUrl: string }> {
  const credentials = { accessKeyId: LOCAL_AWS.accessKeyId, secretAccessKey: LOCAL_AWS.secretAccessKey };
  const s3 = new S3Client({ region: LOCAL_AWS.region, endpoint, forcePathStyle: true, credentials });
  const sqs = new SQSClient({ region: LOCAL_AWS.region, endpoint, credentials });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: LOCAL_AWS.uploadsBucket }));
    await s3.send(new CreateBucketCommand({ Bucket: LOCAL_AWS.framesBucket }));
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: LOCAL_AWS.jobsDlq }));
    const dlqAttributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ["QueueArn"] }),
    );
    // Both job queues (standard and Pro's priority) share one dead-letter queue.
    const jobsQueue = (name: string) =>
      sqs.send(
        new CreateQueueCommand({
          QueueName: name,
          Attributes: {
            VisibilityTimeout: String(LOCAL_AWS.visibilityTimeoutSec),
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: dlqAttributes.Attributes?.QueueArn,
              maxReceiveCount: LOCAL_AWS.maxReceiveCount,
            }),
          },
        }),
      );
    const queue = await jobsQueue(LOCAL_AWS.jobsQueue);
    const priority = await jobsQueue(LOCAL_AWS.jobsPriorityQueue);
    if (!queue.QueueUrl || !priority.QueueUrl || !dlq.QueueUrl) throw new Error("fauxqs returned no queue URL");
    return { queueUrl: queue.QueueUrl, priorityQueueUrl: priority.QueueUrl, dlqUrl: dlq.QueueUrl };
  } finally {
    s3.destroy();
    sqs.destroy();
  }
}

/** Starts local S3 + SQS on 127.0.0.1:port (0 = any free port). */
export async function startLocalAws(opts: { port: number }): Promise<LocalAws> {
  const app: FauxqsApp = buildApp({ logger: false, defaultRegion: LOCAL_AWS.region });
  allowBrowserAccess(app);
  honourResponseOverrides(app);
  const address = await app.listen({ port: opts.port, host: "127.0.0.1" });
  const endpoint = `http://127.0.0.1:${new URL(address).port}`;
  try {
    const { queueUrl, priorityQueueUrl, dlqUrl } = await createResources(endpoint);
    return {
      endpoint,
      env: {
        AWS_REGION: LOCAL_AWS.region,
        AWS_ACCESS_KEY_ID: LOCAL_AWS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_AWS.secretAccessKey,
        S3_ENDPOINT: endpoint,
        S3_FORCE_PATH_STYLE: "1",
        SQS_ENDPOINT: endpoint,
        UPLOADS_BUCKET: LOCAL_AWS.uploadsBucket,
        FRAMES_BUCKET: LOCAL_AWS.framesBucket,
        JOBS_QUEUE_URL: queueUrl,
        JOBS_PRIORITY_QUEUE_URL: priorityQueueUrl,
        JOBS_DLQ_URL: dlqUrl,
      },
      stop: () => app.close(),
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}
