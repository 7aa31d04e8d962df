import { describe, expect, it } from "vitest";
import { STAGES, STORAGE_BACKSTOP_DAYS } from "../lib/config";
import { resources, synth } from "./helpers/synth";

const SITE = "https://frames.example.com";
const each = STAGES.map((stage) => [stage, synth(stage, { site: { siteUrl: SITE } })] as const);

interface BucketProps {
  BucketEncryption?: { ServerSideEncryptionConfiguration: { ServerSideEncryptionByDefault: { SSEAlgorithm: string } }[] };
  PublicAccessBlockConfiguration?: Record<string, boolean>;
  CorsConfiguration?: { CorsRules: { AllowedMethods: string[]; AllowedOrigins: string[]; ExposedHeaders?: string[] }[] };
  LifecycleConfiguration?: {
    Rules: { Status: string; Prefix?: string; ExpirationInDays?: number; AbortIncompleteMultipartUpload?: { DaysAfterInitiation: number } }[];
  };
  VersioningConfiguration?: unknown;
  LoggingConfiguration?: { DestinationBucketName: unknown; LogFilePrefix: string };
}

describe.each(each)("%s: buckets", (stage, app) => {
  const t = app.mainTemplate;
  const buckets = resources(t, "AWS::S3::Bucket");
  const bucket = (name: "Uploads" | "Frames" | "Assets" | "AccessLogs") => {
    const entry = Object.entries(buckets).find(([id]) => id.startsWith(`Storage${name}`));
    if (!entry) throw new Error(`no ${name} bucket`);
    return { id: entry[0], props: entry[1].Properties as BucketProps, resource: entry[1] };
  };
  const all = (["Uploads", "Frames", "Assets"] as const).map(bucket);

  it("has exactly the uploads, frames, assets and access-log buckets", () => {
    expect(Object.keys(buckets)).toHaveLength(4);
  });

  it("logs every access to the app's buckets, and CloudFront's, into the access-log bucket for 90 days", () => {
    const logs = bucket("AccessLogs");
    for (const [name, { props }] of Object.entries({ uploads: bucket("Uploads"), frames: bucket("Frames"), assets: bucket("Assets") })) {
      expect(props.LoggingConfiguration, name).toEqual({ DestinationBucketName: { Ref: logs.id }, LogFilePrefix: `s3/${name}/` });
    }
    const distribution = Object.values(resources(t, "AWS::CloudFront::Distribution"))[0]?.Properties as { DistributionConfig: { Logging?: { Bucket: unknown; Prefix: string } } };
    expect(distribution.DistributionConfig.Logging).toEqual({ Bucket: { "Fn::GetAtt": [logs.id, "RegionalDomainName"] }, Prefix: "cloudfront/" });
    expect(logs.props.LifecycleConfiguration?.Rules).toContainEqual(expect.objectContaining({ Status: "Enabled", ExpirationInDays: 90 }));
    expect(logs.props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
  });

  it("encrypts every bucket and blocks all public access", () => {
    for (const { props } of all) {
      expect(props.BucketEncryption?.ServerSideEncryptionConfiguration[0]?.ServerSideEncryptionByDefault.SSEAlgorithm).toBe("AES256");
      expect(props.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });

  it("denies every request that is not TLS, on each bucket", () => {
    const policies = Object.values(resources(t, "AWS::S3::BucketPolicy"));
    for (const { id } of all) {
      const policy = policies.find((p) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: id }));
      const statements = (policy?.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: "Deny",
          Action: "s3:*",
          Principal: { AWS: "*" },
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        }),
      );
    }
  });

  it("lets the site's origin PUT uploads (single and multipart) and read ETag", () => {
    const rules = bucket("Uploads").props.CorsConfiguration?.CorsRules ?? [];
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ AllowedMethods: ["PUT"], AllowedOrigins: [SITE], ExposedHeaders: expect.arrayContaining(["ETag"]) });
  });

  it("lets the site's origin GET frames (the ZIP download fetches them)", () => {
    const rules = bucket("Frames").props.CorsConfiguration?.CorsRules ?? [];
    expect(rules[0]).toMatchObject({ AllowedMethods: expect.arrayContaining(["GET"]), AllowedOrigins: [SITE] });
    expect(rules[0]?.AllowedMethods).not.toContain("PUT");
  });

  it("aborts incomplete multipart uploads after one day, on every bucket", () => {
    for (const { props } of all) {
      expect(props.LifecycleConfiguration?.Rules).toContainEqual(
        expect.objectContaining({ Status: "Enabled", AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
      );
    }
  });

  it("expires uploads/ and frames/ only after the longest retention (Pro, 30 days) plus a margin", () => {
    expect(STORAGE_BACKSTOP_DAYS).toBeGreaterThan(30);
    for (const [name, prefix] of [
      ["Uploads", "uploads/"],
      ["Frames", "frames/"],
    ] as const) {
      const expiring = (bucket(name).props.LifecycleConfiguration?.Rules ?? []).filter((r) => r.ExpirationInDays !== undefined);
      expect(expiring).toEqual([expect.objectContaining({ Prefix: prefix, ExpirationInDays: STORAGE_BACKSTOP_DAYS })]);
    }
    expect(bucket("Assets").props.LifecycleConfiguration?.Rules.some((r) => r.ExpirationInDays !== undefined)).toBe(false);
  });

  it("keeps no old versions (a deleted video must really be gone)", () => {
    for (const { props } of all) expect(props.VersioningConfiguration).toBeUndefined();
  });

  it(stage === "prod" ? "retains the buckets when the stack is deleted" : "deletes the buckets with the stack", () => {
    for (const { resource } of all) {
      expect((resource as { DeletionPolicy?: string }).DeletionPolicy).toBe(stage === "prod" ? "Retain" : "Delete");
    }
  });
});

describe("CORS origin", () => {
  it("uses the custom domain when one is given", () => {
    const app = synth("staging", {
      site: { domainName: "app.example.org", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },
    });
    const uploads = Object.entries(resources(app.mainTemplate, "AWS::S3::Bucket")).find(([id]) => id.startsWith("StorageUploads"))!;
    expect(JSON.stringify(uploads[1].Properties?.CorsConfiguration)).toContain('"https://app.example.org"');
  });

  it("without a domain or siteUrl, falls back to CloudFront domains and says so at synth", () => {
    const app = synth("dev");
    const uploads = Object.entries(resources(app.mainTemplate, "AWS::S3::Bucket")).find(([id]) => id.startsWith("StorageUploads"))!;
    expect(JSON.stringify(uploads[1].Properties?.CorsConfiguration)).toContain('"https://*.cloudfront.net"');
    const warnings = app.main.node.metadata.filter((m) => m.type === "aws:cdk:warning").map((m) => String(m.data));
    expect(warnings.some((w) => w.includes("siteUrl"))).toBe(true);
  });
});
