import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small HTTP proxy in front of the S3 + SQS emulator that answers a share of requests with
 * 500 or 503 itself, as AWS does now and then. The request never reaches the emulator, so an
 * injected error is one the client must retry, not one whose work was done anyway.
 */

export type Service = "s3" | "sqs";

export interface FaultCounts {
  /** Requests seen, by service and operation ("ReceiveMessage", "PUT" …). */
  seen: Record<Service, Map<string, number>>;
  /** Of those, answered by the proxy with an error, by service and operation. */
  injected: Record<Service, Map<string, number>>;
}

export interface FaultProxy {
  endpoint: string;
  counts: FaultCounts;
  /** Errors are injected only while armed (the run itself, not the setup or the final audit). */
  arm(armed: boolean): void;
  stop(): Promise<void>;
}

function classify(req: http.IncomingMessage): { service: Service; operation: string } | null {
  const url = req.url ?? "/";
  // The emulator's own inspection and health endpoints are for the audit, never faulted.
  if (url.startsWith("/_fauxqs") || url === "/health") return null;
  const target = req.headers["x-amz-target"];
  if (typeof target === "string") return { service: "sqs", operation: target.split(".").at(-1) ?? target };
  return { service: "s3", operation: req.method ?? "?" };
}

/** Bodies shaped like AWS's own, so the SDK parses them as the service errors they imitate. */
function errorBody(service: Service, status: 500 | 503): { type: string; body: string } {
  if (service === "sqs") {
    const type = status === 500 ? "InternalError" : "ServiceUnavailable";
    return { type: "application/x-amz-json-1.0", body: JSON.stringify({ __type: `com.amazonaws.sqs#${type}`, message: "injected by the chaos proxy" }) };
  }
  const code = status === 500 ? "InternalError" : "SlowDown";
  return { type: "application/xml", body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected by the chaos proxy</Message></Error>` };
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

export async function startFaultProxy(opts: { upstream: string; errorRate: number }): Promise<FaultProxy> {
  const upstream = new URL(opts.upstream);
  const counts: FaultCounts = { seen: { s3: new Map(), sqs: new Map() }, injected: { s3: new Map(), sqs: new Map() } };
  let armed = false;
  // Keep-alive to the emulator: thousands of short requests otherwise exhaust ephemeral ports.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

  const server = http.createServer((req, res) => {
    const kind = classify(req);
    if (kind) bump(counts.seen[kind.service], kind.operation);
    if (kind && armed && Math.random() < opts.errorRate) {
      bump(counts.injected[kind.service], kind.operation);
      const status = Math.random() < 0.5 ? 500 : 503;
      const { type, body } = errorBody(kind.service, status);
      // Read the request to its end first, so the client sees an answer and not a reset.
      req.resume();
      req.once("end", () => res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) }).end(body));
      return;
    }
    // This server already answered any "Expect: 100-continue"; the body follows at once.
    const { expect: _expect, ...headers } = req.headers;
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.once("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`chaos proxy: upstream failed: ${error.message}`);
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts,
    arm: (value) => (armed = value),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
