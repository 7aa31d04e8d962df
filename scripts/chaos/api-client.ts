import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { MAX_BATCH_CALLS } from "../../core/api-limits";
import type { AppRouter } from "../../server/api/root";

/**
 * One visitor's browser as far as the API can tell: its own cookie jar, the same tRPC client and
 * link settings as trpc/react.tsx (batched, superjson, the same header), plain fetch for pages
 * and the presigned S3 PUT.
 */

const VISITOR_COOKIE = "fp_visitor";
/** No browser waits forever; a request that hangs this long counts as a failed one. */
const REQUEST_TIMEOUT_MS = 60_000;

export interface VisitorClient {
  trpc: ReturnType<typeof createTRPCClient<AppRouter>>;
  /** fetch with this visitor's cookies, for pages. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** The visitor's owner id: the uuid in the signed identity cookie, once the site has set one. */
  ownerId(): string | undefined;
}

export function createVisitorClient(baseUrl: string): VisitorClient {
  const jar = new Map<string, string>();
  const jarFetch = async (input: RequestInfo | URL | string, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    if (jar.size > 0) headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(input, { ...init, headers, signal: init?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return response;
  };
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        transformer: superjson,
        maxItems: MAX_BATCH_CALLS,
        url: `${baseUrl}/api/trpc`,
        headers: () => ({ "x-trpc-source": "react" }),
        fetch: (input, init) => jarFetch(input, init as RequestInit | undefined),
      }),
    ],
  });
  return {
    trpc,
    fetch: (url, init) => jarFetch(url, init),
    ownerId: () => jar.get(VISITOR_COOKIE)?.split(".")[0],
  };
}

/** Codes a browser shows as final (trpc/react's retryUnlessFinal): asking again will not help. */
const FINAL_CODES = new Set(["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "PRECONDITION_FAILED", "PAYLOAD_TOO_LARGE", "TOO_MANY_REQUESTS"]);

export interface ApiFailure {
  /** Worth trying again (a network error or a 5xx), as the site's own retry policy judges. */
  retryable: boolean;
  /** "INTERNAL_SERVER_ERROR 500", "network", "S3 PUT 503" … */
  label: string;
  message: string;
}

export function describeFailure(error: unknown): ApiFailure {
  if (error instanceof StorageError) return { retryable: error.status >= 500, label: `S3 PUT ${error.status}`, message: error.message };
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    const code = typeof data === "object" && data !== null && "code" in data && typeof data.code === "string" ? data.code : undefined;
    const status = typeof data === "object" && data !== null && "httpStatus" in data && typeof data.httpStatus === "number" ? data.httpStatus : undefined;
    if (!code) return { retryable: true, label: "network", message: error.message };
    return { retryable: !FINAL_CODES.has(code), label: `${code}${status ? ` ${status}` : ""}`, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { retryable: true, label: "network", message };
}

/** The presigned PUT came back with an error status (the browser's "rejected" upload). */
export class StorageError extends Error {
  constructor(readonly status: number, body: string) {
    super(`storage answered ${status}: ${body.slice(0, 200)}`);
    this.name = "StorageError";
  }
}
