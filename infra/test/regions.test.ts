import { describe, expect, it } from "vitest";
import { resources, synth } from "./helpers/synth";

/**
 * CloudFront's WAF and metrics live in us-east-1. In us-east-1 everything is one stack; in any
 * other region the web ACL and the CloudFront alarm move to small us-east-1 stacks.
 */
describe("regions", () => {
  it("us-east-1: one stack holds the web ACL (prod) and the CloudFront 5xx alarm", () => {
    const app = synth("prod");
    expect(app.all.map((s) => s.stackName)).toEqual(["prod-FramePicker"]);
    expect(Object.keys(resources(app.mainTemplate, "AWS::WAFv2::WebACL"))).toHaveLength(1);
    const alarms = Object.values(resources(app.mainTemplate, "AWS::CloudWatch::Alarm"));
    expect(alarms.some((a) => a.Properties?.MetricName === "5xxErrorRate")).toBe(true);
  });

  it("eu-west-1 prod: the web ACL and the 5xx alarm are in us-east-1 stacks, wired by cross-region references", () => {
    const app = synth("prod", { region: "eu-west-1" });
    expect(app.all.map((s) => `${s.stackName}@${s.region}`)).toEqual([
      "prod-FramePicker-EdgeProtection@us-east-1",
      "prod-FramePicker@eu-west-1",
      "prod-FramePicker-EdgeMonitoring@us-east-1",
    ]);
    const edge = app.template(app.edgeProtection!);
    expect(Object.values(resources(edge, "AWS::WAFv2::WebACL")).map((a) => a.Properties?.Scope)).toEqual(["CLOUDFRONT"]);
    expect(Object.keys(resources(app.mainTemplate, "AWS::WAFv2::WebACL"))).toHaveLength(0);
    const distribution = Object.values(resources(app.mainTemplate, "AWS::CloudFront::Distribution"))[0]!;
    expect((distribution.Properties?.DistributionConfig as { WebACLId?: unknown }).WebACLId).toBeDefined();

    const mainAlarms = Object.values(resources(app.mainTemplate, "AWS::CloudWatch::Alarm"));
    expect(mainAlarms.some((a) => a.Properties?.MetricName === "5xxErrorRate")).toBe(false);
    const edgeAlarms = Object.values(resources(app.template(app.edgeMonitoring!), "AWS::CloudWatch::Alarm"));
    expect(edgeAlarms.map((a) => a.Properties?.MetricName)).toEqual(["5xxErrorRate"]);
    expect(Object.keys(resources(app.template(app.edgeMonitoring!), "AWS::SNS::Topic"))).toHaveLength(1);
  });

  it("eu-west-1 dev: no WAF stack, only the us-east-1 alarm stack", () => {
    const app = synth("dev", { region: "eu-west-1" });
    expect(app.all.map((s) => s.stackName)).toEqual(["dev-FramePicker", "dev-FramePicker-EdgeMonitoring"]);
  });
});
