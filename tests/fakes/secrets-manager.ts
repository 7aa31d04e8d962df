import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the Secrets Manager JSON API on a loopback port: GetSecretValue by SecretId,
 * ResourceNotFoundException for anything else. Point a client at it with `endpoint`, or a child
 * process with AWS_ENDPOINT_URL_SECRETS_MANAGER (the SDK's per-service endpoint variable).
 */
export interface FakeSecretsManager {
  endpoint: string;
  secrets: Map<string, string>;
  /** "<X-Amz-Target> <SecretId>" per request, in arrival order. */
  requests: string[];
  stop(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeSecretsManager(): Promise<FakeSecretsManager> {
  const secrets = new Map<string, string>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    void body(req).then((text) => {
      const target = String(req.headers["x-amz-target"]);
      const { SecretId } = JSON.parse(text || "{}") as { SecretId?: string };
      requests.push(`${target} ${SecretId}`);
      const value = SecretId === undefined ? undefined : secrets.get(SecretId);
      res.setHeader("content-type", "application/x-amz-json-1.1");
      if (target !== "secretsmanager.GetSecretValue" || value === undefined) {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: "ResourceNotFoundException", message: "Secrets Manager can't find the specified secret." }));
        return;
      }
      res.end(JSON.stringify({ ARN: SecretId, Name: "secret", SecretString: value, VersionId: "v1" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    secrets,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
