import { Duration, Validations } from "aws-cdk-lib";
import * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { FRAMES_PREFIX, UPLOADS_PREFIX } from "../../core/storage-keys";
import { STORAGE_BACKSTOP_DAYS, type StageConfig } from "./config";

/** Access logs (S3's and CloudFront's) are kept this long: enough to look into an incident. */
const ACCESS_LOG_DAYS = 90;

/** Key prefixes the app writes (core/storage-keys.ts): per owner, never per tier. */
export { FRAMES_PREFIX, UPLOADS_PREFIX };

export interface StorageProps {
  /** Origins the browser uploads from and downloads frames from (the site), for CORS. */
  siteOrigins: string[];
}

function privateBucket(scope: Construct, id: string, config: StageConfig, extra: Partial<s3.BucketProps>): s3.Bucket {
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    versioned: false,
    removalPolicy: config.removalPolicy,
    // Outside prod a stack delete should not stop at a non-empty bucket.
    autoDeleteObjects: !config.isProd,
    ...extra,
  });
}

/**
 * The uploads and frames buckets, and the bucket CloudFront serves the OpenNext assets from.
 * Browser PUTs (single and multipart) and frame fetches (ZIP download) cross origins, hence CORS
 * with ETag exposed (multipart completion needs each part's ETag).
 */
export class Storage extends Construct {
  readonly uploads: s3.Bucket;
  readonly frames: s3.Bucket;
  readonly assets: s3.Bucket;
  /** S3 server access logs of the three buckets (s3/<bucket>/) and CloudFront's access logs (cloudfront/). */
  readonly accessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, config: StageConfig, props: StorageProps) {
    super(scope, id);
    this.accessLogs = privateBucket(this, "AccessLogs", config, {
      // CloudFront's access logs are delivered with an ACL; S3's server access logs need none.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: "expire-access-logs", expiration: Duration.days(ACCESS_LOG_DAYS) }],
    });
    Validations.of(this.accessLogs).acknowledge({ id: "AwsSolutions-S1", reason: "The access-log bucket itself: logging its own reads would log the log deliveries, forever" });
    const logsFor = (name: string): Partial<s3.BucketProps> => ({ serverAccessLogsBucket: this.accessLogs, serverAccessLogsPrefix: `s3/${name}/` });
    const abortMultipart: s3.LifecycleRule = {
      id: "abort-incomplete-multipart-uploads",
      abortIncompleteMultipartUploadAfter: Duration.days(1),
    };
    const backstop = (prefix: string): s3.LifecycleRule => ({
      id: `expire-${prefix.replace(/\/$/, "")}-backstop`,
      prefix,
      expiration: Duration.days(STORAGE_BACKSTOP_DAYS),
    });

    this.uploads = privateBucket(this, "Uploads", config, {
      ...logsFor("uploads"),
      cors: [
        {
          allowedOrigins: props.siteOrigins,
          allowedMethods: [s3.HttpMethods.PUT],
          allowedHeaders: ["*"],
          exposedHeaders: ["ETag"],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [abortMultipart, backstop(UPLOADS_PREFIX)],
    });
    this.frames = privateBucket(this, "Frames", config, {
      ...logsFor("frames"),
      cors: [
        {
          allowedOrigins: props.siteOrigins,
          allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedHeaders: ["*"],
          exposedHeaders: ["ETag", "Content-Length", "Content-Disposition"],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [abortMultipart, backstop(FRAMES_PREFIX)],
    });
    this.assets = privateBucket(this, "Assets", config, { ...logsFor("assets"), lifecycleRules: [abortMultipart] });
  }
}
