import * as iam from "aws-cdk-lib/aws-iam";
import type * as s3 from "aws-cdk-lib/aws-s3";

/**
 * Exact S3 permissions on one key prefix. The CDK's bucket.grant* helpers add actions the app
 * never calls (tagging, legal hold, versions), so each function lists what its code does.
 */
export function allowObjects(grantee: iam.IGrantable, bucket: s3.IBucket, prefix: string, actions: string[]): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions, resources: [bucket.arnForObjects(`${prefix}*`)] }),
  );
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
