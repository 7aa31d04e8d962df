import { Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { nagArn } from "./nag-ids";

/**
 * Exact S3 permissions on one key prefix. The CDK's bucket.grant* helpers add actions the app
 * never calls (tagging, legal hold, versions), so each function lists what its code does.
 */
export function allowObjects(grantee: iam.IGrantable, bucket: s3.IBucket, prefix: string, actions: string[]): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions, resources: [bucket.arnForObjects(`${prefix}*`)] }),
  );
  // cdk-nag names the finding by the bucket's logical id and the pattern, exactly.
  const principal = grantee.grantPrincipal;
  if (Construct.isConstruct(principal) && bucket.node.defaultChild) {
    Validations.of(principal).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagArn(bucket)}/${prefix}*]`,
      reason: `Objects under the app's own ${prefix} prefix, created per user at run time, so they cannot be listed one by one; the app checks ownership (server/services/ownership.ts)`,
    });
  }
}

/**
 * ListBucket, limited to a key prefix when one is given. A missing key answers 404 (NoSuchKey)
 * rather than 403 only with ListBucket granted WITHOUT a prefix condition (a HeadObject carries
 * no s3:prefix), which the upload check relies on; deleting a prefix works with the condition.
 */
export function allowList(grantee: iam.IGrantable, bucket: s3.IBucket, prefix?: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ["s3:ListBucket"],
      resources: [bucket.bucketArn],
      ...(prefix ? { conditions: { StringLike: { "s3:prefix": [`${prefix}*`] } } } : {}),
    }),
  );
}
