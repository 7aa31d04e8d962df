import * as wafv2 from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";
import type { StageConfig } from "./config";

/** Requests per IP per 5 minutes before WAF blocks: sign-in (credential stuffing), then the API. */
export const AUTH_RATE_LIMIT = 100;
export const API_RATE_LIMIT = 2000;

function visibility(metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

function pathStartsWith(prefix: string): wafv2.CfnWebACL.StatementProperty {
  return {
    byteMatchStatement: {
      fieldToMatch: { uriPath: {} },
      positionalConstraint: "STARTS_WITH",
      searchString: prefix,
      textTransformations: [{ priority: 0, type: "NONE" }],
    },
  };
}

function rateRule(name: string, priority: number, limit: number, prefix: string): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    action: { block: {} },
    statement: {
      rateBasedStatement: { limit, evaluationWindowSec: 300, aggregateKeyType: "IP", scopeDownStatement: pathStartsWith(prefix) },
    },
    visibilityConfig: visibility(name),
  };
}

/**
 * AWS WAF for the distribution (scope CLOUDFRONT, so the construct must live in a us-east-1
 * stack): AWS's common rule set, and per-IP rate limits on /api/auth/ and /api/.
 */
export class EdgeProtection extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    this.webAcl = new wafv2.CfnWebACL(this, "WebAcl", {
      name: `${config.prefix}-web`,
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${config.prefix}-web`),
      rules: [
        {
          name: "aws-common-rule-set",
          priority: 0,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: "AWS",
              name: "AWSManagedRulesCommonRuleSet",
              // Its 8 KB body limit would block large tRPC mutations and Stripe webhook events; count instead.
              ruleActionOverrides: [{ name: "SizeRestrictions_BODY", actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: visibility("aws-common-rule-set"),
        },
        rateRule("rate-limit-auth", 1, AUTH_RATE_LIMIT, "/api/auth/"),
        rateRule("rate-limit-api", 2, API_RATE_LIMIT, "/api/"),
      ],
    });
  }
}
