import { Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import type { StageConfig } from "./config";

export interface AppFunctionProps
  extends Omit<lambda.FunctionProps, "runtime" | "architecture" | "logGroup" | "functionName" | "code" | "handler"> {
  /** Appended to the stage prefix: `dev-framepicker-<name>`. */
  name: string;
  /** A directory that is already a complete Lambda bundle (no bundling here, no Docker). */
  codeDir: string;
  handler: string;
}

/**
 * Every function of the app: Node 22 on arm64 (the worker ships arm64 ffmpeg and sharp; the
 * image optimiser's sharp is installed for arm64 by the OpenNext build), JSON logs into a log
 * group with the stage's retention. Each gets its own role holding only what it is granted: write
 * to its log group (not AWS's managed policies, which allow logs:* on every group) and, in the
 * VPC, the network-interface calls Lambda makes with it (EC2 offers no resource scoping there).
 */
export function appFunction(scope: Construct, id: string, config: StageConfig, props: AppFunctionProps): lambda.Function {
  const { name, codeDir, ...rest } = props;
  const functionName = `${config.prefix}-${name}`;
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
    logGroupName: `/aws/lambda/${functionName}`,
    retention: config.logRetention,
    removalPolicy: config.removalPolicy,
  });
  const role = new iam.Role(scope, `${id}Role`, {
    assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
    description: `Execution role of ${functionName}`,
  });
  logGroup.grantWrite(role);
  if (rest.vpc) role.addToPrincipalPolicy(vpcNetworkInterfaces());
  Validations.of(role).acknowledge({
    id: "AwsSolutions-IAM5[Resource::*]",
    reason: "Only actions AWS offers no resource scoping for: Lambda's VPC network-interface calls and X-Ray's PutTrace* (infra/test/security.test.ts fails on any other action on *)",
  });
  const fn = new lambda.Function(scope, id, {
    ...rest,
    role,
    functionName,
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    code: lambda.Code.fromAsset(codeDir),
    logGroup,
    loggingFormat: lambda.LoggingFormat.JSON,
  });
  Validations.of(fn).acknowledge({
    id: "AwsSolutions-L1",
    reason: "Node 22, the newest runtime the code is built for (esbuild target node22) and tested against; moving to 24 is a tested upgrade, not a setting",
  });
  return fn;
}

/** What AWSLambdaVPCAccessExecutionRole allows for ENIs, without its logs:* on every log group. */
export function vpcNetworkInterfaces(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: [
      "ec2:CreateNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
      "ec2:DeleteNetworkInterface",
      "ec2:AssignPrivateIpAddresses",
      "ec2:UnassignPrivateIpAddresses",
    ],
    resources: ["*"],
  });
}
