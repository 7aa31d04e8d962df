import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as logs from "aws-cdk-lib/aws-logs";
import { MAX_DELIVERIES } from "../../core/job-timing";
import { TIERS } from "../../core/tiers";

export const STAGES = ["dev", "staging", "prod"] as const;
export type StageName = (typeof STAGES)[number];

export function isStage(value: unknown): value is StageName {
  return typeof value === "string" && (STAGES as readonly string[]).includes(value);
}

/** Receives before a job's message goes to the dead-letter queue; the worker reads the same number. */
export const MAX_RECEIVES = MAX_DELIVERIES;

/**
 * The worker's hard limit. Pro allows 30-minute, 500 MB, up-to-4K videos; decoding that on ~2 vCPUs
 * can take several minutes, so the worker gets Lambda's maximum rather than a guess that is too short.
 */
export const WORKER_TIMEOUT = Duration.minutes(15);

/**
 * AWS's rule for SQS event sources: at least 6× the function timeout, or a slow job is delivered
 * twice. Only a backstop: the worker keeps a running job's message hidden for a minute and a half
 * at a time, and sets a failed one's retry delay itself (core/job-timing.ts), so a job whose
 * worker died or failed is back within minutes, not after this.
 */
export const JOBS_VISIBILITY_TIMEOUT = Duration.seconds(WORKER_TIMEOUT.toSeconds() * 6);

/**
 * How long S3 keeps objects under uploads/ and frames/ whatever the app does. The retention sweep
 * is what deletes on time; this only catches what it missed. Keys carry the owner, not the tier,
 * so one rule covers every tier and must not fire before the longest retention (Pro, 30 days);
 * the margin covers a sweep that was down for a while. See infra/README.md for the re-run caveat.
 */
const longestRetentionDays = Math.max(...Object.values(TIERS).map((t) => t.retentionHours)) / 24;
export const STORAGE_BACKSTOP_DAYS = Math.ceil(longestRetentionDays) + 7;

export interface StageConfig {
  stage: StageName;
  /** Prefix of every physical name: `dev-framepicker-…`. */
  prefix: string;
  isProd: boolean;
  /** Removal policy for data (buckets, secrets, log groups): kept in prod, deleted elsewhere. */
  removalPolicy: RemovalPolicy;
  natGateways: number;
  logRetention: logs.RetentionDays;
  db: {
    instanceType: ec2.InstanceType;
    multiAz: boolean;
    backupRetention: Duration;
    deletionProtection: boolean;
    removalPolicy: RemovalPolicy;
    /** ~80 % of the instance class's max_connections (LEAST(RAM/9531392, 5000)). */
    connectionsAlarmThreshold: number;
  };
  worker: {
    memoryMb: number;
    ephemeralStorageMb: number;
    /** Concurrent workers per queue (the SQS event source's maximum concurrency, ≥ 2). */
    standardConcurrency: number;
    priorityConcurrency: number;
  };
  /** AWS WAF on the distribution: prod only (a web ACL costs ~$5/month + $1 per rule before traffic). */
  waf: boolean;
}

export function stageConfig(stage: StageName): StageConfig {
  const isProd = stage === "prod";
  return {
    stage,
    prefix: `${stage}-framepicker`,
    isProd,
    removalPolicy: isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    // One NAT gateway is a single-AZ dependency for outbound calls (Stripe, OAuth); prod pays for two.
    natGateways: isProd ? 2 : 1,
    logRetention: isProd ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.TWO_WEEKS,
    db: {
      instanceType: isProd
        ? ec2.InstanceType.of(ec2.InstanceClass.BURSTABLE4_GRAVITON, ec2.InstanceSize.SMALL)
        : ec2.InstanceType.of(ec2.InstanceClass.BURSTABLE4_GRAVITON, ec2.InstanceSize.MICRO),
      multiAz: isProd,
      backupRetention: Duration.days(isProd ? 30 : 7),
      deletionProtection: isProd,
      // Staging keeps a final snapshot; dev is disposable.
      removalPolicy: isProd ? RemovalPolicy.RETAIN : stage === "staging" ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      connectionsAlarmThreshold: isProd ? 150 : 70,
    },
    worker: {
      memoryMb: 3008,
      ephemeralStorageMb: 4096,
      standardConcurrency: isProd ? 10 : 2,
      priorityConcurrency: isProd ? 20 : 3,
    },
    waf: isProd,
  };
}
