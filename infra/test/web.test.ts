import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES_DIR } from "../lib/artefacts";
import { resolveSite } from "../lib/site";
import { STAGES } from "../lib/config";
import { IMMUTABLE } from "../lib/static-assets";
import { AUTH_FORWARDED_HEADERS, TRPC_FORWARDED_HEADERS } from "../lib/web-cache-policies";
import { statementsOfFunction } from "./helpers/iam";
import { functionId, resources, synth } from "./helpers/synth";

const SITE = "https://frames.example.com";
const SUPPORT = "help@frames.example.com";
const each = STAGES.map((stage) => [stage, synth(stage, { site: { siteUrl: SITE, supportEmail: SUPPORT } })] as const);
const fixtureOutput = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, "open-next", "open-next.output.json"), "utf8")) as {
  behaviors: { pattern: string; origin: string }[];
};

/** Managed policy ids (stable across accounts). */
const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  CachePolicyId: unknown;
  OriginRequestPolicyId?: unknown;
  AllowedMethods: string[];
  ViewerProtocolPolicy: string;
  FunctionAssociations?: { EventType: string }[];
  ResponseHeadersPolicyId?: unknown;
}
interface Origin {
  Id: string;
  DomainName: unknown;
  OriginPath?: string;
  OriginAccessControlId?: unknown;
  OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
}

describe.each(each)("%s: CloudFront", (_stage, app) => {
  const t = app.mainTemplate;
  const config = Object.values(resources(t, "AWS::CloudFront::Distribution"))[0]!.Properties!.DistributionConfig as {
    DefaultCacheBehavior: Behavior;
    CacheBehaviors: Behavior[];
    Origins: Origin[];
  };
  const originFor = (fnName: string) =>
    config.Origins.find((o) => JSON.stringify(o.DomainName).includes(functionId(t, fnName).replace(/[0-9A-F]{8}$/, "")));
  const server = originFor("web")!;
  const image = originFor("image")!;
  const s3 = config.Origins.find((o) => o.OriginPath !== undefined)!;
  const behavior = (pattern: string) => config.CacheBehaviors.find((b) => b.PathPattern === pattern);
  const originIdOf: Record<string, string> = { default: server.Id, imageOptimizer: image.Id, s3: s3.Id };

  it("routes every behaviour of open-next.output.json to the origin it names, and * to the server", () => {
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(server.Id);
    for (const b of fixtureOutput.behaviors.filter((x) => x.pattern !== "*")) {
      expect(behavior(b.pattern)?.TargetOriginId, b.pattern).toBe(originIdOf[b.origin]);
    }
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) expect(b.ViewerProtocolPolicy).toBe("redirect-to-https");
  });

  it("never caches /api/* and forwards it everything but Host, evaluated before the catch-all", () => {
    const api = behavior("api/*")!;
    expect(api).toMatchObject({ TargetOriginId: server.Id, CachePolicyId: CACHING_DISABLED, OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST });
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(["POST", "PUT", "DELETE", "PATCH"]));
    const order = config.CacheBehaviors.map((b) => b.PathPattern);
    expect(order.indexOf("api/auth/*")).toBeLessThan(order.indexOf("api/*"));
    expect(order.indexOf("api/trpc/*")).toBeLessThan(order.indexOf("api/*"));
    expect(order.indexOf("api/*")).toBe(2);
  });

  it.each([
    ["api/auth/*", "the Auth.js headers", AUTH_FORWARDED_HEADERS],
    ["api/trpc/*", "the tRPC client's headers", TRPC_FORWARDED_HEADERS],
  ] as const)("forwards CloudFront-Viewer-Address (the real client IP) and %s's own headers (%s), uncached", (pattern, _what, headers) => {
    const route = behavior(pattern)!;
    expect(route).toMatchObject({ TargetOriginId: server.Id, CachePolicyId: CACHING_DISABLED });
    expect(route.AllowedMethods).toEqual(expect.arrayContaining(["POST"]));
    const policy = resources(t, "AWS::CloudFront::OriginRequestPolicy")[(route.OriginRequestPolicyId as { Ref: string }).Ref]!;
    const cfg = policy.Properties?.OriginRequestPolicyConfig as {
      HeadersConfig: { HeaderBehavior: string; Headers: string[] };
      CookiesConfig: { CookieBehavior: string };
      QueryStringsConfig: { QueryStringBehavior: string };
    };
    expect(cfg.HeadersConfig.HeaderBehavior).toBe("whitelist");
    expect(cfg.HeadersConfig.Headers).toContain("CloudFront-Viewer-Address");
    expect(cfg.HeadersConfig.Headers.map((h) => h.toLowerCase())).not.toContain("host");
    expect(cfg.HeadersConfig.Headers).toHaveLength(headers.length);
    expect(headers.length).toBeLessThanOrEqual(10); // CloudFront's default quota per policy
    expect(cfg.CookiesConfig.CookieBehavior).toBe("all");
    expect(cfg.QueryStringsConfig.QueryStringBehavior).toBe("all");
  });

  it("adds the security headers to every answer, static assets and images included, and keeps a page's own CSP", () => {
    const policies = Object.entries(resources(t, "AWS::CloudFront::ResponseHeadersPolicy"));
    expect(policies).toHaveLength(1);
    const [policyId, policy] = policies[0]!;
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(b.ResponseHeadersPolicyId, b.PathPattern ?? "*").toEqual({ Ref: policyId });
    }
    const settings = policy.Properties!.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      CustomHeadersConfig: { Items: { Header: string; Value: string; Override: boolean }[] };
    };
    expect(settings.SecurityHeadersConfig).toEqual({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: "strict-origin-when-cross-origin", Override: true },
      FrameOptions: { FrameOption: "DENY", Override: true },
      // Pages send their own policy, with the nonce of that answer: CloudFront must not replace it.
      ContentSecurityPolicy: { ContentSecurityPolicy: expect.stringContaining("frame-ancestors 'none'"), Override: false },
    });
    expect(settings.CustomHeadersConfig.Items.map((h) => h.Header).sort()).toEqual(["Cross-Origin-Opener-Policy", "Permissions-Policy"]);
  });

  it("sets X-Forwarded-Host from the viewer's Host on every server behaviour", () => {
    const toServer = [config.DefaultCacheBehavior, ...config.CacheBehaviors].filter((b) => b.TargetOriginId === server.Id);
    expect(toServer.length).toBeGreaterThanOrEqual(4);
    for (const b of toServer) expect(b.FunctionAssociations).toEqual([expect.objectContaining({ EventType: "viewer-request" })]);
    const fn = Object.values(resources(t, "AWS::CloudFront::Function"))[0]!;
    expect(String(fn.Properties?.FunctionCode)).toContain('request.headers["x-forwarded-host"] = { value: request.headers.host.value }');
  });

  it("serves static assets from the private bucket through OAC, _next/static with a year of immutable caching", () => {
    expect(s3.OriginPath).toBe("/_assets");
    expect(s3.OriginAccessControlId).toBeDefined();
    const deployments = Object.values(resources(t, "Custom::CDKBucketDeployment"));
    const versioned = deployments.find((d) => JSON.stringify(d.Properties?.Include) === '["_next/*"]');
    expect(versioned?.Properties?.SystemMetadata).toEqual({ "cache-control": IMMUTABLE });
    expect(IMMUTABLE).toMatch(/max-age=31536000.*immutable/);
    for (const d of deployments) expect(d.Properties?.Prune).toBe(false);
  });

  it("signs requests to the image optimiser (OAC, IAM-auth URL) and passes a secret header to the web function", () => {
    expect(image.OriginAccessControlId).toBeDefined();
    const urls = resources(t, "AWS::Lambda::Url");
    const urlOf = (fn: string) => Object.values(urls).find((u) => JSON.stringify(u.Properties?.TargetFunctionArn).includes(functionId(t, fn)))!;
    expect(urlOf("image").Properties?.AuthType).toBe("AWS_IAM");
    expect(urlOf("web").Properties).toMatchObject({ AuthType: "NONE", InvokeMode: "RESPONSE_STREAM" });
    const header = server.OriginCustomHeaders?.find((h) => h.HeaderName === "x-origin-verify");
    expect(JSON.stringify(header?.HeaderValue)).toMatch(/\{\{resolve:secretsmanager:.*OriginVerifySecret/);
  });
});

describe.each(each)("%s: web function", (stage, app) => {
  const t = app.mainTemplate;
  const fnId = functionId(t, "web");
  const p = resources(t, "AWS::Lambda::Function")[fnId]!.Properties!;
  const vars = (p.Environment as { Variables: Record<string, unknown> }).Variables;

  it("runs the OpenNext server bundle on Node 22 arm64", () => {
    expect(p).toMatchObject({ Runtime: "nodejs22.x", Architectures: ["arm64"], Handler: "index.handler", FunctionName: `${stage}-framepicker-web` });
  });

  it("gets the env contract: buckets, queues, database location and secret ARNs, APP_URL", () => {
    expect(Object.keys(vars).sort()).toEqual(
      [
        "APP_URL",
        "AUTH_SECRET_ARN",
        "DATABASE_HOST",
        "DATABASE_NAME",
        "DATABASE_SECRET_ARN",
        "FRAMES_BUCKET",
        "JOBS_PRIORITY_QUEUE_URL",
        "JOBS_QUEUE_URL",
        "OAUTH_SECRET_ARN",
        "ORIGIN_VERIFY_SECRET_ARN",
        "STRIPE_SECRET_ARN",
        "SUPPORT_EMAIL",
        "UPLOADS_BUCKET",
      ].sort(),
    );
    expect(vars.APP_URL).toBe(SITE);
    expect(vars.SUPPORT_EMAIL).toBe(SUPPORT);
  });

  it("may touch exactly the two buckets (by prefix), the two job queues and its five secrets", () => {
    const statements = statementsOfFunction(t, fnId);
    const onResource = (fragment: string) =>
      statements.filter((s) => JSON.stringify(s.resources).includes(fragment)).flatMap((s) => s.actions).sort();
    expect(onResource('"/uploads/*"')).toEqual(["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:PutObject"]);
    expect(onResource('"/frames/*"')).toEqual(["s3:DeleteObject", "s3:GetObject"]);
    expect(statements.filter((s) => s.actions.includes("sqs:SendMessage")).flatMap((s) => s.resources)).toHaveLength(2);
    const sqsActions = statements.flatMap((s) => s.actions).filter((a) => a.startsWith("sqs:"));
    expect(sqsActions.sort()).toEqual(["sqs:GetQueueAttributes", "sqs:SendMessage"]);
    const secrets = statements.filter((s) => s.actions.includes("secretsmanager:GetSecretValue")).flatMap((s) => s.resources);
    expect(secrets.map((r) => JSON.stringify(r)).sort()).toEqual(
      [/DatabaseInstanceSecret/, /SecretsAuthSecret/, /SecretsOAuthSecret/, /SecretsOriginVerifySecret/, /SecretsStripeSecret/].map((re) =>
        expect.stringMatching(re),
      ),
    );
    const services = new Set(statements.flatMap((s) => s.actions.map((a) => a.split(":")[0])));
    expect([...services].sort()).toEqual(["ec2", "logs", "s3", "secretsmanager", "sqs", "xray"]);
  });
});

describe("outputs", () => {
  it("prints the site URL, bucket names and queue URLs", () => {
    const outputs = Object.keys((each[0]![1].mainTemplate.toJSON() as { Outputs: Record<string, unknown> }).Outputs);
    for (const name of ["SiteUrl", "UploadsBucketName", "FramesBucketName", "AssetsBucketName", "JobsQueueUrl", "PriorityJobsQueueUrl", "DeadLetterQueueUrl"]) {
      expect(outputs).toContain(name);
    }
  });
});

describe("the contact address (SUPPORT_EMAIL)", () => {
  const certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/abc";

  it("is support@ the custom domain unless one is given", () => {
    expect(resolveSite({ domainName: "frames.example.org", certificateArn }).supportEmail).toBe("support@frames.example.org");
    expect(resolveSite({ domainName: "frames.example.org", certificateArn, supportEmail: SUPPORT }).supportEmail).toBe(SUPPORT);
  });

  it("on a CloudFront URL without one, deploys but warns that the contact page names the CloudFront host", () => {
    const site = resolveSite({ siteUrl: "https://d1234.cloudfront.net" });
    expect(site.supportEmail).toBeUndefined();
    expect(site.warning).toMatch(/supportEmail.*support@d1234\.cloudfront\.net/);
    expect(resolveSite({ siteUrl: "https://d1234.cloudfront.net", supportEmail: SUPPORT }).warning).toBeUndefined();
  });

  it("refuses something that is not an email address", () => {
    expect(() => resolveSite({ siteUrl: SITE, supportEmail: "support" })).toThrow("supportEmail support is not an email address");
  });
});
