import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import type { StageConfig } from "./config";

/**
 * The VPC: public subnets only for the NAT gateways, private subnets with egress for the
 * functions, isolated subnets for the database. Functions reach S3 through a free gateway
 * endpoint (videos are large: no NAT data charge); SQS, Secrets Manager, X-Ray, Stripe and the
 * OAuth providers go out through NAT, which the Stripe and OAuth calls need anyway (cost
 * trade-off in infra/README.md).
 */
export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  /** Every Lambda in the VPC (web, worker, migrations); the database proxy admits this group. */
  readonly functionsSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, "Vpc", {
      vpcName: `${config.prefix}-vpc`,
      maxAzs: 2,
      natGateways: config.natGateways,
      subnetConfiguration: [
        { name: "public", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: "functions", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: "database", subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      gatewayEndpoints: { S3: { service: ec2.GatewayVpcEndpointAwsService.S3 } },
    });
    // Rejected traffic only: what an incident needs (probes, a misrouted call), at a fraction of
    // the cost of logging every accepted flow of video downloads.
    this.vpc.addFlowLog("RejectedFlows", {
      trafficType: ec2.FlowLogTrafficType.REJECT,
      destination: ec2.FlowLogDestination.toCloudWatchLogs(
        new logs.LogGroup(this, "RejectedFlowLogs", {
          logGroupName: `/vpc/${config.prefix}-rejected-flows`,
          retention: config.logRetention,
          removalPolicy: config.removalPolicy,
        }),
      ),
    });
    this.functionsSecurityGroup = new ec2.SecurityGroup(this, "Functions", {
      vpc: this.vpc,
      securityGroupName: `${config.prefix}-functions`,
      description: "Lambda functions of the app (outbound only)",
      allowAllOutbound: true,
    });
  }

  /** Where the functions run: private subnets whose outbound traffic goes through NAT. */
  get functionSubnets(): ec2.SubnetSelection {
    return { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
  }

  get databaseSubnets(): ec2.SubnetSelection {
    return { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
  }
}
