import { Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import type { StageConfig } from "./config";
import { EdgeProtection } from "./edge-protection";
import { alarmTopic, cloudFrontErrorAlarm } from "./monitoring";

/**
 * CloudFront lives in us-east-1 as far as WAF and CloudWatch are concerned. When the app is
 * deployed elsewhere, these two small stacks hold what must be there: the web ACL (before the
 * app stack, which attaches it) and the 5xx alarm (after it, since it needs the distribution).
 */
export class EdgeProtectionStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, config: StageConfig, props: StackProps) {
    super(scope, id, props);
    this.webAclArn = new EdgeProtection(this, "EdgeProtection", config).webAcl.attrArn;
  }
}

export interface EdgeMonitoringStackProps extends StackProps {
  distributionId: string;
  alarmEmail?: string;
}

export class EdgeMonitoringStack extends Stack {
  constructor(scope: Construct, id: string, config: StageConfig, props: EdgeMonitoringStackProps) {
    super(scope, id, props);
    const topic = alarmTopic(this, "AlarmTopic", { ...config, prefix: `${config.prefix}-edge` }, props.alarmEmail);
    cloudFrontErrorAlarm(this, config, props.distributionId, topic);
  }
}
