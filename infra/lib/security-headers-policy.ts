import { Duration } from "aws-cdk-lib";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import type { Construct } from "constructs";
import { HSTS_MAX_AGE_SEC, REFERRER_POLICY, RESOURCE_CSP, STATIC_SECURITY_HEADERS } from "../../core/security-headers";
import type { StageConfig } from "./config";

/** The headers CloudFront has a typed setting for; the rest go out as custom headers. */
const SET_BY_SECURITY_BEHAVIOUR = new Set(["Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"]);

/**
 * The app's security headers (core/security-headers.ts) on everything CloudFront serves, the
 * static assets and images too, which never pass through the app. A page's own policy (with its
 * nonce, from proxy.ts) is kept; anything else gets the policy of a resource.
 */
export function securityHeadersPolicy(scope: Construct, config: StageConfig): cloudfront.ResponseHeadersPolicy {
  const referrerPolicy = Object.values(cloudfront.HeadersReferrerPolicy).find((policy) => policy === REFERRER_POLICY);
  if (!referrerPolicy) throw new Error(`CloudFront has no referrer policy ${REFERRER_POLICY}`);
  return new cloudfront.ResponseHeadersPolicy(scope, "SecurityHeaders", {
    responseHeadersPolicyName: `${config.prefix}-security-headers`,
    comment: "HSTS, nosniff, referrer policy, no framing; a CSP where the app sent none",
    securityHeadersBehavior: {
      strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SEC), includeSubdomains: true, override: true },
      contentTypeOptions: { override: true },
      referrerPolicy: { referrerPolicy, override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      contentSecurityPolicy: { contentSecurityPolicy: RESOURCE_CSP, override: false },
    },
    customHeadersBehavior: {
      customHeaders: Object.entries(STATIC_SECURITY_HEADERS)
        .filter(([header]) => !SET_BY_SECURITY_BEHAVIOUR.has(header))
        .map(([header, value]) => ({ header, value, override: true })),
    },
  });
}
