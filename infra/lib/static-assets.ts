import * as logs from "aws-cdk-lib/aws-logs";
import type * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import type { StageConfig } from "./config";
import type { OpenNextBuild } from "./open-next-output";

/** Hashed file names under _next/static never change content: cache them for a year, everywhere. */
export const IMMUTABLE = "public,max-age=31536000,immutable";
/** Public files keep their names across deploys: browsers revalidate, the edge keeps them 5 minutes. */
export const SHORT = "public,max-age=0,s-maxage=300,must-revalidate";

export interface StaticAssetsProps {
  config: StageConfig;
  build: OpenNextBuild;
  bucket: s3.IBucket;
}

/**
 * Uploads what OpenNext's S3 origin lists in `copy` (assets → _assets, and the ISR cache → _cache
 * when it is used). Old files are kept (no prune): a browser still running the previous build
 * can load its chunks during and after a deploy.
 */
export class StaticAssets extends Construct {
  constructor(scope: Construct, id: string, props: StaticAssetsProps) {
    super(scope, id);
    const { config, build, bucket } = props;
    const logGroup = new logs.LogGroup(this, "DeployLogs", {
      logGroupName: `/aws/lambda/${config.prefix}-assets-deployment`,
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    const deploy = (deployId: string, from: string, to: string, extra: Partial<s3deploy.BucketDeploymentProps>) =>
      new s3deploy.BucketDeployment(this, deployId, {
        sources: [s3deploy.Source.asset(build.resolve(from))],
        destinationBucket: bucket,
        destinationKeyPrefix: to,
        prune: false,
        memoryLimit: 1024,
        logGroup,
        ...extra,
      });

    build.output.origins.s3.copy.forEach((copy, i) => {
      if (!copy.cached) {
        deploy(`Copy${i}`, copy.from, copy.to, {});
        return;
      }
      const versioned = copy.versionedSubDir ? `${copy.versionedSubDir.replace(/\/$/, "")}/*` : undefined;
      if (versioned) {
        deploy(`Copy${i}Versioned`, copy.from, copy.to, {
          exclude: ["*"],
          include: [versioned],
          cacheControl: [s3deploy.CacheControl.fromString(IMMUTABLE)],
        });
      }
      deploy(`Copy${i}`, copy.from, copy.to, {
        ...(versioned ? { exclude: [versioned] } : {}),
        cacheControl: [s3deploy.CacheControl.fromString(SHORT)],
      });
    });
  }
}
