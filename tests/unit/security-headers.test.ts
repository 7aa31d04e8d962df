import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { createS3 } from "~/core/aws";
import { newNonce, pageCsp, storageOrigins, type StorageConfig } from "~/core/security-headers";

process.env.AWS_ACCESS_KEY_ID ??= "test";
process.env.AWS_SECRET_ACCESS_KEY ??= "test";

/** Where the browser really goes: the origin of URLs the SDK presigns with this configuration. */
async function presignedOrigins(env: StorageConfig): Promise<string[]> {
  const s3 = createS3({ ...env, SQS_ENDPOINT: undefined });
  const urls = await Promise.all([
    getSignedUrl(s3, new PutObjectCommand({ Bucket: env.UPLOADS_BUCKET, Key: "uploads/o/v/source.mp4" }), { expiresIn: 60 }),
    getSignedUrl(s3, new GetObjectCommand({ Bucket: env.FRAMES_BUCKET, Key: "frames/o/j/01.jpg" }), { expiresIn: 60 }),
  ]);
  return [...new Set(urls.map((url) => new URL(url).origin))].sort();
}

describe("the page policy lets the browser reach exactly the storage its presigned URLs name", () => {
  const configurations: Array<[string, StorageConfig]> = [
    ["AWS, us-east-1", { AWS_REGION: "us-east-1", S3_FORCE_PATH_STYLE: false, UPLOADS_BUCKET: "fp-prod-uploads", FRAMES_BUCKET: "fp-prod-frames" }],
    ["AWS, eu-central-1", { AWS_REGION: "eu-central-1", S3_FORCE_PATH_STYLE: false, UPLOADS_BUCKET: "fp-uploads", FRAMES_BUCKET: "fp-frames" }],
    ["the local emulator, path style", { AWS_REGION: "us-east-1", S3_ENDPOINT: "http://127.0.0.1:4566", S3_FORCE_PATH_STYLE: true, UPLOADS_BUCKET: "uploads", FRAMES_BUCKET: "frames" }],
    ["another S3-compatible endpoint", { AWS_REGION: "us-east-1", S3_ENDPOINT: "https://s3.example.test:9000", S3_FORCE_PATH_STYLE: false, UPLOADS_BUCKET: "up", FRAMES_BUCKET: "fr" }],
    ["another S3-compatible endpoint, default port", { AWS_REGION: "us-east-1", S3_ENDPOINT: "https://storage.example.test", S3_FORCE_PATH_STYLE: false, UPLOADS_BUCKET: "up", FRAMES_BUCKET: "fr" }],
  ];
  for (const [name, env] of configurations) {
    it(name, async () => {
      expect([...storageOrigins(env)].sort()).toEqual(await presignedOrigins(env));
    });
  }
});

describe("pageCsp", () => {
  const csp = pageCsp({ nonce: "abc123", storageOrigins: ["https://up.s3.us-east-1.amazonaws.com"], development: false });
  const directive = (name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));

  it("runs only scripts with this answer's nonce and what they load, never eval in production", () => {
    expect(directive("script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(pageCsp({ nonce: "n", storageOrigins: [], development: true })).toContain("'unsafe-eval'");
  });

  it("may not be framed, and plugins, other bases and foreign form targets are off", () => {
    expect(directive("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive("object-src")).toBe("object-src 'none'");
    expect(directive("base-uri")).toBe("base-uri 'self'");
    expect(directive("form-action")).toBe("form-action 'self'");
  });

  it("reaches the buckets for uploads (connect) and frames (img)", () => {
    expect(directive("connect-src")).toContain("https://up.s3.us-east-1.amazonaws.com");
    expect(directive("img-src")).toContain("https://up.s3.us-east-1.amazonaws.com");
  });

  it("nonces are new every time and 128 bits long", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
