import { Annotations, Duration, Validations } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as origins from "aws-cdk-lib/aws-cloudfront-origins";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { Construct, type IDependable } from "constructs";
import { appFunction } from "./app-function";
import type { AppSecrets } from "./app-secrets";
import type { Artefacts } from "./artefacts";
import { allowList, allowObjects } from "./bucket-access";
import type { StageConfig } from "./config";
import type { Database } from "./database";
import type { Jobs } from "./jobs";
import type { Network } from "./network";
import type { Site, SiteOptions } from "./site";
import { securityHeadersPolicy } from "./security-headers-policy";
import { StaticAssets } from "./static-assets";
import { FRAMES_PREFIX, UPLOADS_PREFIX, type Storage } from "./storage";
import { webCachePolicies } from "./web-cache-policies";

/** Header CloudFront adds to every request to the web function (value: the origin-verify secret). */
export const ORIGIN_VERIFY_HEADER = "x-origin-verify";

export interface WebProps {
  config: StageConfig;
  network: Network;
  storage: Storage;
  database: Database;
  jobs: Jobs;
  secrets: AppSecrets;
  artefacts: Artefacts;
  site: Site;
  siteOptions: SiteOptions;
  /** The web ACL's ARN (prod); undefined leaves the distribution without WAF. */
  webAclArn?: string;
  /** What must finish before new web code serves (the migrations). */
  runsAfter: IDependable;
}

/**
 * The Next.js app as OpenNext built it: the server function (streaming function URL), the image
 * optimiser, the static assets in S3, and one CloudFront distribution routing between them as
 * open-next.output.json says, plus the app's own uncached /api/* behaviours.
 */
export class Web extends Construct {
  readonly server: lambda.Function;
  readonly imageOptimizer: lambda.Function;
  readonly distribution: cloudfront.Distribution;
  readonly siteUrl: string;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const { config, network, storage, database, jobs, secrets, artefacts, site } = props;
    const build = artefacts.openNext;
    const serverOrigin = build.output.origins.default;
    const imageOrigin = build.output.origins.imageOptimizer;
    // Key prefixes in the assets bucket, as OpenNext's copy list names them.
    const assetsPrefix = build.output.origins.s3.originPath.replace(/^\/|\/$/g, "");
    const cachePrefix = build.output.origins.s3.copy.find((c) => !c.cached)?.to ?? "_cache";

    // --- server function -------------------------------------------------------------------
    this.server = appFunction(this, "Server", config, {
      name: "web",
      description: "Next.js server (OpenNext)",
      codeDir: build.resolve(serverOrigin.bundle),
      handler: serverOrigin.handler,
      memorySize: 1024,
      timeout: Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      vpc: network.vpc,
      vpcSubnets: network.functionSubnets,
      securityGroups: [network.functionsSecurityGroup],
      environment: {
        ...database.connectionEnv(),
        UPLOADS_BUCKET: storage.uploads.bucketName,
        FRAMES_BUCKET: storage.frames.bucketName,
        JOBS_QUEUE_URL: jobs.queue.queueUrl,
        JOBS_PRIORITY_QUEUE_URL: jobs.priorityQueue.queueUrl,
        AUTH_SECRET_ARN: secrets.auth.secretArn,
        STRIPE_SECRET_ARN: secrets.stripe.secretArn,
        OAUTH_SECRET_ARN: secrets.oauth.secretArn,
        ORIGIN_VERIFY_SECRET_ARN: secrets.originVerify.secretArn,
        ...(site.appUrl ? { APP_URL: site.appUrl } : {}),
        ...(site.supportEmail ? { SUPPORT_EMAIL: site.supportEmail } : {}),
        ...(build.usesIncrementalCache
          ? {
              CACHE_BUCKET_NAME: storage.assets.bucketName,
              CACHE_BUCKET_KEY_PREFIX: cachePrefix,
              CACHE_BUCKET_REGION: storage.assets.env.region,
            }
          : {}),
      },
    });
    this.server.node.addDependency(props.runsAfter);
    // Exactly what server/ and core/ call: presigned single and multipart PUTs, HEAD, delete, abort.
    allowObjects(this.server, storage.uploads, UPLOADS_PREFIX, [
      "s3:PutObject",
      "s3:GetObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
    ]);
    allowList(this.server, storage.uploads);
    // Presigned frame reads; deleting a video deletes its frames' prefixes.
    allowObjects(this.server, storage.frames, FRAMES_PREFIX, ["s3:GetObject", "s3:DeleteObject"]);
    allowList(this.server, storage.frames, FRAMES_PREFIX);
    this.server.addToRolePolicy(
      new iam.PolicyStatement({
        // GetQueueAttributes only for /api/health: the one read that proves a queue answers.
        actions: ["sqs:SendMessage", "sqs:GetQueueAttributes"],
        resources: [jobs.queue.queueArn, jobs.priorityQueue.queueArn],
      }),
    );
    for (const secret of [secrets.auth, secrets.stripe, secrets.oauth, secrets.originVerify]) secret.grantRead(this.server);
    database.grantConnect(this.server);
    if (build.usesIncrementalCache) {
      allowObjects(this.server, storage.assets, `${cachePrefix}/`, ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]);
    }
    if (serverOrigin.queue && serverOrigin.queue !== "dummy" && build.usesIncrementalCache) {
      Annotations.of(this).addWarningV2(
        "framepicker:revalidationQueue",
        `OpenNext's revalidation queue is "${serverOrigin.queue}" but no queue is deployed: ISR revalidation would fail.`,
      );
    }
    const serverUrl = this.server.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.NONE,
      invokeMode: serverOrigin.streaming ? lambda.InvokeMode.RESPONSE_STREAM : lambda.InvokeMode.BUFFERED,
    });

    // --- image optimiser (GET only, so CloudFront can sign its requests: OAC) -----------------
    this.imageOptimizer = appFunction(this, "ImageOptimizer", config, {
      name: "image",
      description: "Next.js image optimisation (OpenNext)",
      codeDir: build.resolve(imageOrigin.bundle),
      handler: imageOrigin.handler,
      memorySize: 1536,
      timeout: Duration.seconds(25),
      environment: { BUCKET_NAME: storage.assets.bucketName, BUCKET_KEY_PREFIX: assetsPrefix },
    });
    allowObjects(this.imageOptimizer, storage.assets, `${assetsPrefix}/`, ["s3:GetObject"]);
    const imageUrl = this.imageOptimizer.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

    // --- origins and behaviours ------------------------------------------------------------
    // The web function URL is public (OAC would make every POST carry a body hash, which browsers
    // and Stripe do not send); the secret header lets the app refuse calls that skip CloudFront.
    const server = new origins.FunctionUrlOrigin(serverUrl, {
      readTimeout: Duration.seconds(30),
      customHeaders: { [ORIGIN_VERIFY_HEADER]: secrets.originVerify.secretValue.unsafeUnwrap() },
    });
    const image = origins.FunctionUrlOrigin.withOriginAccessControl(imageUrl);
    const assets = origins.S3BucketOrigin.withOriginAccessControl(storage.assets, { originPath: `/${assetsPrefix}` });
    const policies = webCachePolicies(this, config);
    const responseHeadersPolicy = securityHeadersPolicy(this, config);
    const forwardHost = new cloudfront.Function(this, "ForwardHost", {
      functionName: `${config.prefix}-forward-host`,
      comment: "Passes the viewer's Host as X-Forwarded-Host (the function URL needs its own Host)",
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(FORWARD_HOST_CODE),
    });
    const toServer = (cachePolicy: cloudfront.ICachePolicy, originRequestPolicy: cloudfront.IOriginRequestPolicy) => ({
      origin: server,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD_OPTIONS,
      compress: true,
      cachePolicy,
      originRequestPolicy,
      responseHeadersPolicy,
      functionAssociations: [{ function: forwardHost, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
    });
    const byOrigin: Record<string, cloudfront.BehaviorOptions> = {
      default: toServer(policies.server, cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER),
      imageOptimizer: {
        origin: image,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        compress: true,
        cachePolicy: policies.image,
        responseHeadersPolicy,
      },
      s3: {
        origin: assets,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        compress: true,
        // Honours the Cache-Control each object was uploaded with (immutable for _next/static).
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy,
      },
    };
    const additionalBehaviors: Record<string, cloudfront.BehaviorOptions> = {
      // Sign-in and the tRPC API count requests per client IP (rate limits): CloudFront-Viewer-Address
      // can only be added by an allow-list policy, so each gets one of its own.
      "api/auth/*": toServer(cloudfront.CachePolicy.CACHING_DISABLED, policies.auth),
      "api/trpc/*": toServer(cloudfront.CachePolicy.CACHING_DISABLED, policies.trpc),
      // The Stripe webhook and the health check: never cached, everything but Host forwarded.
      "api/*": toServer(cloudfront.CachePolicy.CACHING_DISABLED, cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER),
    };
    for (const behavior of build.output.behaviors) {
      if (behavior.pattern === "*" || !behavior.origin) continue;
      const options = byOrigin[behavior.origin];
      if (!options) throw new Error(`no origin for behaviour ${behavior.pattern} → ${behavior.origin}`);
      additionalBehaviors[behavior.pattern] ??= options;
    }

    const { domainName, certificateArn } = props.siteOptions;
    this.distribution = new cloudfront.Distribution(this, "Distribution", {
      comment: `${config.prefix} site`,
      defaultBehavior: byOrigin.default!,
      additionalBehaviors,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      ...(domainName && certificateArn
        ? {
            domainNames: [domainName],
            certificate: acm.Certificate.fromCertificateArn(this, "Certificate", certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      enableLogging: true,
      logBucket: storage.accessLogs,
      logFilePrefix: "cloudfront/",
    });
    Validations.of(this.distribution).acknowledge({ id: "AwsSolutions-CFR1", reason: "A public product for users anywhere: no country is blocked (the WAF rate-limits abuse instead)" });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({ id: "AwsSolutions-CFR2", reason: "WAF costs a monthly fee per web ACL: only stages with config.waf (prod) have one; dev and staging are not public products" });
    }
    if (!(domainName && certificateArn)) {
      Validations.of(this.distribution).acknowledge({
        id: "AwsSolutions-CFR4",
        reason: "Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose protocols cannot be set; with one (domainName and certificateArn), TLS 1.2_2021 is the minimum",
      });
    }
    this.siteUrl = site.appUrl ?? `https://${this.distribution.distributionDomainName}`;

    // --- static assets -----------------------------------------------------------------------
    new StaticAssets(this, "Assets", { config, build, bucket: storage.assets });
  }
}

/** CloudFront Functions JS 2.0: overwrite any client-sent X-Forwarded-Host with the real Host. */
const FORWARD_HOST_CODE = `function handler(event) {
  var request = event.request;
  if (request.headers.host) {
    request.headers["x-forwarded-host"] = { value: request.headers.host.value };
  } else {
    delete request.headers["x-forwarded-host"];
  }
  return request;
}`;

