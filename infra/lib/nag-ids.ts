import { Stack, type CfnResource } from "aws-cdk-lib";
import type { IConstruct } from "constructs";

/**
 * How cdk-nag names a resource's ARN inside a granular finding id, e.g. the
 * `<StorageFramesABC123.Arn>` of `AwsSolutions-IAM5[Resource::<StorageFramesABC123.Arn>/frames/*]`:
 * the logical id of the construct's CloudFormation resource.
 */
export function nagArn(construct: IConstruct): string {
  return `<${Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnResource)}.Arn>`;
}
