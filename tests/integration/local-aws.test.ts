import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createS3, createSqs } from "~/core/aws";
import { LOCAL_AWS, startLocalAws, type LocalAws } from "~/scripts/local/aws";

/**
 * The local S3 + SQS that `npm run dev` and the tests run on, checked through the app's own AWS
 * clients. This file starts its own instance, so its queue traffic never meets other test files.
 */

const APP_ORIGIN = "http://localhost:3000";
let aws: LocalAws;
let s3: S3Client;
let sqs: SQSClient;

beforeAll(async () => {
  aws = await startLocalAws({ port: 0 });
  const config = { AWS_REGION: aws.env.AWS_REGION, S3_ENDPOINT: aws.endpoint, S3_FORCE_PATH_STYLE: true, SQS_ENDPOINT: aws.endpoint };
  s3 = createS3(config);
  sqs = createSqs(config);
});

afterAll(async () => {
  s3.destroy();
  sqs.destroy();
  await aws.stop();
});

const randomKey = (name: string) => `checks/${crypto.randomUUID()}/${name}`;

describe("local S3", () => {
  it("listens on 127.0.0.1 only and names both buckets in the env", () => {
    expect(aws.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(aws.env).toMatchObject({
      S3_ENDPOINT: aws.endpoint,
      SQS_ENDPOINT: aws.endpoint,
      S3_FORCE_PATH_STYLE: "1",
      UPLOADS_BUCKET: "frame-picker-uploads",
      FRAMES_BUCKET: "frame-picker-frames",
    });
  });

  it("stores, describes and returns an object path-style", async () => {
    const key = randomKey("frame.jpg");
    const body = Buffer.from("not really a jpeg, but bytes all the same");
    await s3.send(new PutObjectCommand({ Bucket: aws.env.FRAMES_BUCKET, Key: key, Body: body, ContentType: "image/jpeg" }));

    const head = await s3.send(new HeadObjectCommand({ Bucket: aws.env.FRAMES_BUCKET, Key: key }));
    expect(head.ContentLength).toBe(body.byteLength);
    expect(head.ContentType).toBe("image/jpeg");

    const got = await s3.send(new GetObjectCommand({ Bucket: aws.env.FRAMES_BUCKET, Key: key }));
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(body);
  });

  it("accepts a presigned PUT from another origin, like the browser upload", async () => {
    const key = randomKey("clip.mp4");
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: aws.env.UPLOADS_BUCKET, Key: key, ContentType: "video/mp4" }), {
      expiresIn: 300,
    });
    expect(new URL(url).pathname).toBe(`/${aws.env.UPLOADS_BUCKET}/${key}`);

    const preflight = await fetch(url, {
      method: "OPTIONS",
      headers: { Origin: APP_ORIGIN, "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("PUT");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type");

    const body = new Uint8Array(64 * 1024).fill(7);
    const put = await fetch(url, { method: "PUT", headers: { Origin: APP_ORIGIN, "Content-Type": "video/mp4" }, body });
    expect(put.status).toBe(200);
    expect(put.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(put.headers.get("access-control-expose-headers")).toContain("ETag");
    expect(put.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);

    const head = await s3.send(new HeadObjectCommand({ Bucket: aws.env.UPLOADS_BUCKET, Key: key }));
    expect(head.ContentLength).toBe(body.byteLength);
  });

  it("lets another origin read a presigned GET (downloads, the ZIP)", async () => {
    const key = randomKey("frame.png");
    await s3.send(new PutObjectCommand({ Bucket: aws.env.FRAMES_BUCKET, Key: key, Body: "png-bytes" }));
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: aws.env.FRAMES_BUCKET, Key: key }), { expiresIn: 300 });
    const res = await fetch(url, { headers: { Origin: APP_ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(await res.text()).toBe("png-bytes");
  });

  it("names the file of a presigned download, as S3 does with response-content-disposition", async () => {
    const key = randomKey("frame.jpg");
    await s3.send(new PutObjectCommand({ Bucket: aws.env.FRAMES_BUCKET, Key: key, Body: "jpeg-bytes", ContentType: "image/jpeg" }));
    const disposition = `attachment; filename="Beach day_00m12s340.jpg"`;
    const url = await getSignedUrl(
      s3,
      new GetObjectCommand({ Bucket: aws.env.FRAMES_BUCKET, Key: key, ResponseContentDisposition: disposition }),
      { expiresIn: 300 },
    );
    const res = await fetch(url);
    expect(res.headers.get("content-disposition")).toBe(disposition);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(await res.text()).toBe("jpeg-bytes");
  });
});

describe("local SQS", () => {
  const receive = (queueUrl: string, visibilityTimeout?: number) =>
    sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 1,
        WaitTimeSeconds: 1,
        VisibilityTimeout: visibilityTimeout,
        MessageSystemAttributeNames: ["ApproximateReceiveCount"],
      }),
    );

  it("configures the jobs queue like production: 300 s visibility, 3 receives then the DLQ", async () => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: aws.env.JOBS_QUEUE_URL, AttributeNames: ["VisibilityTimeout", "RedrivePolicy"] }),
    );
    expect(Attributes?.VisibilityTimeout).toBe("300");
    const policy: unknown = JSON.parse(Attributes?.RedrivePolicy ?? "{}");
    expect(policy).toMatchObject({ maxReceiveCount: LOCAL_AWS.maxReceiveCount, deadLetterTargetArn: expect.stringContaining("frame-picker-jobs-dlq") });
  });

  it("sends, receives and deletes a job message", async () => {
    const body = JSON.stringify({ jobId: crypto.randomUUID() });
    await sqs.send(new SendMessageCommand({ QueueUrl: aws.env.JOBS_QUEUE_URL, MessageBody: body }));

    const first = await receive(aws.env.JOBS_QUEUE_URL);
    const message = first.Messages?.[0];
    expect(message?.Body).toBe(body);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: aws.env.JOBS_QUEUE_URL, ReceiptHandle: message?.ReceiptHandle }));

    // Even once its visibility timeout is over, a deleted message never comes back.
    const again = await receive(aws.env.JOBS_QUEUE_URL);
    expect(again.Messages ?? []).toHaveLength(0);
  });

  it("moves a message that was received 3 times without being deleted to the DLQ", async () => {
    const body = JSON.stringify({ jobId: crypto.randomUUID() });
    await sqs.send(new SendMessageCommand({ QueueUrl: aws.env.JOBS_QUEUE_URL, MessageBody: body }));

    const counts: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      // Visibility 0 hands the message straight back, like a worker that crashed.
      const { Messages } = await receive(aws.env.JOBS_QUEUE_URL, 0);
      expect(Messages?.[0]?.Body).toBe(body);
      counts.push(Messages?.[0]?.Attributes?.ApproximateReceiveCount ?? "?");
    }
    expect(counts).toEqual(["1", "2", "3"]);

    const fourth = await receive(aws.env.JOBS_QUEUE_URL, 0);
    expect(fourth.Messages ?? []).toHaveLength(0);
    const dead = await receive(aws.env.JOBS_DLQ_URL);
    expect(dead.Messages?.[0]?.Body).toBe(body);
  });
});

describe("stopping", () => {
  it("frees the port", async () => {
    const other = await startLocalAws({ port: 0 });
    await other.stop();
    await expect(fetch(`${other.endpoint}/health`)).rejects.toThrow();
  });
});
