import { Stack, Validations } from "aws-cdk-lib";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as s3 from "aws-cdk-lib/aws-s3";
import * as s3deploy from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";
import type { StageConfig } from "./config";
import { nagArn } from "./nag-ids";
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
    acknowledgeDeploymentHandler(this, bucket);
  }
}

/**
 * The CDK's own BucketDeployment function (one per stack, shared by every deployment, created
 * by the CDK outside this construct): its runtime and role are the CDK's choice, and it runs only
 * during deploys, copying the build's assets from the CDK's staging bucket into ours.
 */
function acknowledgeDeploymentHandler(scope: Construct, bucket: s3.IBucket): void {
  const stack = Stack.of(scope);
  const handler = stack.node.children.find((child) => child.node.id.startsWith("Custom::CDKBucketDeployment"));
  if (!handler) return;
  const reason = "The CDK's BucketDeployment handler (deploy time only): its runtime, managed logging policy and the S3 grants it adds on the CDK's staging bucket and on ours are the CDK's own";
  const findings = [
    "AwsSolutions-L1",
    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
    ...["GetBucket*", "GetObject*", "List*", "Abort*", "DeleteObject*"].map((action) => `AwsSolutions-IAM5[Action::s3:${action}]`),
    `AwsSolutions-IAM5[Resource::${nagArn(bucket)}/*]`,
    `AwsSolutions-IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*]`,
  ];
  for (const id of findings) Validations.of(handler).acknowledge({ id, reason });
}
