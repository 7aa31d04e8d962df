import type { LambdaFunctionURLEvent } from "aws-lambda";
import type { StreamedInvocation } from "./local-lambda";

/**
 * The two ends of a Lambda Function URL (payload format 2.0), which CloudFront calls in
 * production: the event it builds from an HTTP request, and how it reads a streamed response
 * (a JSON prelude with status, headers and cookies, eight NUL bytes, then the body).
 */

export interface FunctionUrlRequest {
  method?: "GET" | "POST";
  /** Path and optional query string, e.g. "/api/trpc/viewer.me?batch=1&input=%7B%7D". */
  url: string;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
}

const FUNCTION_URL_HOST = "abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws";
/** The site's domain as CloudFront passes it on (Host is the Function URL's own). */
export const SITE_HOST = "frames.example";

export function functionUrlEvent(request: FunctionUrlRequest): LambdaFunctionURLEvent {
  const method = request.method ?? "GET";
  const [rawPath = "/", rawQueryString = ""] = request.url.split(/\?(.*)/s);
  const headers: Record<string, string> = {
    host: FUNCTION_URL_HOST,
    // What the distribution's viewer-request function adds, so the app builds its URLs (redirects,
    // Auth.js callbacks) on the site's domain rather than the function's.
    "x-forwarded-host": SITE_HOST,
    "user-agent": "frame-picker-deploy-test",
    "x-forwarded-proto": "https",
    ...request.headers,
  };
  const now = new Date();
  const query = new URLSearchParams(rawQueryString);
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString,
    cookies: request.cookies,
    headers,
    queryStringParameters: rawQueryString ? Object.fromEntries(query) : undefined,
    requestContext: {
      accountId: "anonymous",
      apiId: FUNCTION_URL_HOST.split(".")[0] ?? "local",
      domainName: FUNCTION_URL_HOST,
      domainPrefix: FUNCTION_URL_HOST.split(".")[0] ?? "local",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: headers["user-agent"] ?? "" },
      requestId: crypto.randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: request.body,
    isBase64Encoded: false,
  };
}

export interface FunctionUrlResponse {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: string;
}

const HTTP_INTEGRATION_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";

export function decodeStreamedResponse(invocation: StreamedInvocation): FunctionUrlResponse {
  if (invocation.contentType !== HTTP_INTEGRATION_CONTENT_TYPE) {
    throw new Error(`The handler streamed "${invocation.contentType}", not an HTTP integration response`);
  }
  const separator = invocation.body.indexOf(Buffer.alloc(8));
  if (separator === -1) throw new Error("The streamed response has no prelude separator (8 NUL bytes)");
  const prelude = JSON.parse(invocation.body.subarray(0, separator).toString("utf8")) as {
    statusCode?: number;
    headers?: Record<string, string>;
    cookies?: string[];
  };
  const encoding = prelude.headers?.["content-encoding"];
  if (encoding && encoding !== "identity") throw new Error(`Unexpected content-encoding ${encoding} (send no accept-encoding)`);
  return {
    statusCode: prelude.statusCode ?? 200,
    headers: prelude.headers ?? {},
    cookies: prelude.cookies ?? [],
    body: invocation.body.subarray(separator + 8).toString("utf8"),
  };
}
