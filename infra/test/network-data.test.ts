import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { STAGES } from "../lib/config";
import { resources, synth } from "./helpers/synth";

const each = STAGES.map((stage) => [stage, synth(stage)] as const);

type Ref = { Ref: string };

describe.each(each)("%s: network", (stage, app) => {
  const t = app.mainTemplate;
  const subnets = resources(t, "AWS::EC2::Subnet");
  const subnetsOfType = (type: string) =>
    Object.entries(subnets)
      .filter(([, s]) => (s.Properties?.Tags as { Key: string; Value: string }[]).some((tag) => tag.Key === "aws-cdk:subnet-type" && tag.Value === type))
      .map(([id]) => id);
  const refs = (value: unknown) => (value as Ref[]).map((r) => r.Ref).sort();

  it("has public, private and isolated subnets in two AZs, and NAT for outbound calls", () => {
    expect(subnetsOfType("Public")).toHaveLength(2);
    expect(subnetsOfType("Private")).toHaveLength(2);
    expect(subnetsOfType("Isolated")).toHaveLength(2);
    expect(Object.keys(resources(t, "AWS::EC2::NatGateway"))).toHaveLength(stage === "prod" ? 2 : 1);
    // No subnet hands out public IPs except the public ones (NAT only).
    for (const id of [...subnetsOfType("Private"), ...subnetsOfType("Isolated")]) {
      expect(subnets[id]?.Properties?.MapPublicIpOnLaunch).toBe(false);
    }
  });

  it("reaches S3 through a gateway endpoint (large video transfers pay no NAT data charge)", () => {
    t.hasResourceProperties("AWS::EC2::VPCEndpoint", {
      VpcEndpointType: "Gateway",
      ServiceName: Match.objectLike({ "Fn::Join": Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp("\\.s3$")])]) }),
    });
  });

  it("runs every VPC function in the private subnets, never public ones", () => {
    const privateIds = subnetsOfType("Private").sort();
    const inVpc = Object.values(resources(t, "AWS::Lambda::Function")).filter((f) => f.Properties?.VpcConfig);
    expect(inVpc.map((f) => String(f.Properties?.FunctionName)).sort()).toEqual(
      ["dead-letters", "migrate", "retention", "web", "worker"].map((n) => `${stage}-framepicker-${n}`).sort(),
    );
    for (const fn of inVpc) {
      expect(refs((fn.Properties?.VpcConfig as { SubnetIds: Ref[] }).SubnetIds)).toEqual(privateIds);
    }
  });
});

describe.each(each)("%s: database", (stage, app) => {
  const t = app.mainTemplate;
  const prod = stage === "prod";
  const db = Object.values(resources(t, "AWS::RDS::DBInstance"))[0]!;
  const p = db.Properties!;

  it("is PostgreSQL 16, encrypted, private, with the stage's size and availability", () => {
    expect(p.Engine).toBe("postgres");
    expect(String(p.EngineVersion)).toMatch(/^16/);
    expect(p.StorageEncrypted).toBe(true);
    expect(p.PubliclyAccessible).toBe(false);
    expect(p.MultiAZ).toBe(prod);
    expect(p.DBInstanceClass).toBe(prod ? "db.t4g.small" : "db.t4g.micro");
  });

  it(`keeps backups ${prod ? 30 : 7} days, and is deletion-protected only in prod`, () => {
    expect(p.BackupRetentionPeriod).toBe(prod ? 30 : 7);
    expect(p.DeletionProtection).toBe(prod);
    expect(db).toMatchObject(prod ? { DeletionPolicy: "Retain" } : {});
  });

  it("lives in the isolated subnets", () => {
    const group = Object.values(resources(t, "AWS::RDS::DBSubnetGroup"))[0]!;
    const isolated = Object.entries(resources(t, "AWS::EC2::Subnet"))
      .filter(([, s]) => JSON.stringify(s.Properties?.Tags).includes('"Isolated"'))
      .map(([id]) => id)
      .sort();
    expect(((group.Properties?.SubnetIds as Ref[]) ?? []).map((r) => r.Ref).sort()).toEqual(isolated);
  });

  it("takes its credentials from a generated Secrets Manager secret, never a literal password", () => {
    expect(JSON.stringify(p.MasterUserPassword)).toContain("{{resolve:secretsmanager:");
    t.hasResourceProperties("AWS::SecretsManager::Secret", {
      Name: `${stage}/framepicker/database`,
      GenerateSecretString: Match.objectLike({ GenerateStringKey: "password" }),
    });
  });

  it("has an RDS Proxy requiring TLS, in front of the instance, which only the proxy can reach", () => {
    t.hasResourceProperties("AWS::RDS::DBProxy", { EngineFamily: "POSTGRESQL", RequireTLS: true });
    const ingress = Object.values(resources(t, "AWS::EC2::SecurityGroupIngress"));
    const toDb = ingress.filter((i) => JSON.stringify(i.Properties?.GroupId).includes("DatabaseInstanceSecurityGroup"));
    expect(toDb).toHaveLength(1);
    expect(JSON.stringify(toDb[0]?.Properties?.SourceSecurityGroupId)).toContain("DatabaseProxySecurityGroup");
    const toProxy = ingress.filter((i) => JSON.stringify(i.Properties?.GroupId).includes("DatabaseProxySecurityGroup"));
    expect(toProxy.map((i) => JSON.stringify(i.Properties?.SourceSecurityGroupId))).toEqual([
      expect.stringContaining("NetworkFunctions"),
    ]);
  });

  it("tells the functions where the database is by ARN and proxy host, not by URL", () => {
    const server = Object.values(resources(t, "AWS::Lambda::Function")).find((f) => f.Properties?.FunctionName === `${stage}-framepicker-web`)!;
    const vars = (server.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(vars.DATABASE_HOST).toEqual({ "Fn::GetAtt": [expect.stringMatching(/^DatabaseInstanceProxy/), "Endpoint"] });
    expect(vars.DATABASE_NAME).toBe("framepicker");
    expect(JSON.stringify(vars.DATABASE_SECRET_ARN)).toMatch(/DatabaseInstanceSecret/);
  });
});
