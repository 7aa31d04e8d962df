import { Duration } from "aws-cdk-lib";
import * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import type { Construct } from "constructs";
import type { StageConfig } from "./config";

/**
 * Headers the sign-in route needs, for an allow-list origin request policy (10 per policy by
 * default): Auth.js reads X-Forwarded-Host (set by the viewer-request function), the client's
 * signIn() sends X-Auth-Return-Redirect, and the password rate limit reads CloudFront-Viewer-Address,
 * which CloudFront itself fills in (so a client cannot choose it). Cookies and query strings: all.
 */
export const AUTH_FORWARDED_HEADERS = [
  "CloudFront-Viewer-Address",
  "x-forwarded-host",
  "x-auth-return-redirect",
  "content-type",
  "accept",
  "accept-language",
  "origin",
  "referer",
  "user-agent",
] as const;

/**
 * Headers the tRPC route needs, for an allow-list origin request policy: the per-IP limits read
 * CloudFront-Viewer-Address (core/ip-limits.ts), which only an allow-list can forward; the rest is
 * what the browser's tRPC client sends and the route reads. Cookies (identity) and query strings
 * (batched GET inputs): all.
 */
export const TRPC_FORWARDED_HEADERS = [
  "CloudFront-Viewer-Address",
  "content-type",
  "accept",
  "accept-language",
  "x-trpc-source",
  "trpc-accept",
  "origin",
  "referer",
  "user-agent",
] as const;

/** Next.js varies pages on these (App Router RSC requests), as OpenNext's own CloudFront setup does. */
const SERVER_CACHE_KEY_HEADERS = ["accept", "rsc", "next-router-prefetch", "next-router-state-tree", "next-url", "x-prerender-revalidate"];

export interface WebCachePolicies {
  server: cloudfront.ICachePolicy;
  image: cloudfront.ICachePolicy;
  auth: cloudfront.IOriginRequestPolicy;
  trpc: cloudfront.IOriginRequestPolicy;
}

export function webCachePolicies(scope: Construct, config: StageConfig): WebCachePolicies {
  const server = new cloudfront.CachePolicy(scope, "ServerCachePolicy", {
    cachePolicyName: `${config.prefix}-server`,
    comment: "Next.js pages: cached only when the page says so (Cache-Control s-maxage)",
    defaultTtl: Duration.seconds(0),
    minTtl: Duration.seconds(0),
    maxTtl: Duration.days(365),
    headerBehavior: cloudfront.CacheHeaderBehavior.allowList(...SERVER_CACHE_KEY_HEADERS),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
  const image = new cloudfront.CachePolicy(scope, "ImageCachePolicy", {
    cachePolicyName: `${config.prefix}-image`,
    comment: "Optimised images: keyed on the source, width, quality and accepted formats",
    defaultTtl: Duration.days(1),
    minTtl: Duration.seconds(0),
    maxTtl: Duration.days(365),
    headerBehavior: cloudfront.CacheHeaderBehavior.allowList("accept"),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.allowList("url", "w", "q"),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
  const auth = new cloudfront.OriginRequestPolicy(scope, "AuthOriginRequestPolicy", {
    originRequestPolicyName: `${config.prefix}-auth`,
    comment: "Auth.js routes: the headers they read, plus the viewer address CloudFront adds",
    headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(...AUTH_FORWARDED_HEADERS),
    cookieBehavior: cloudfront.OriginRequestCookieBehavior.all(),
    queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
  });
  const trpc = new cloudfront.OriginRequestPolicy(scope, "TrpcOriginRequestPolicy", {
    originRequestPolicyName: `${config.prefix}-trpc`,
    comment: "tRPC: the headers its client sends, plus the viewer address CloudFront adds",
    headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(...TRPC_FORWARDED_HEADERS),
    cookieBehavior: cloudfront.OriginRequestCookieBehavior.all(),
    queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
  });
  return { server, image, auth, trpc };
}
