import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CreateQueueCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PICK_PARAMS } from "~/core/pick-params";
import { RESOURCE_CSP, STATIC_SECURITY_HEADERS } from "~/core/security-headers";
import { TIERS } from "~/core/tiers";
import { assertServerFunctionFits, FORBIDDEN_IN_SERVER_FUNCTION, LAMBDA_UNZIPPED_LIMIT_BYTES } from "~/scripts/build/web-bundle";
import { ORIGIN_VERIFY_HEADER } from "~/server/origin-verify";
import { makeVideo } from "../helpers/make-video";
import { localAwsChildEnv, testAwsClients, testEnv } from "../setup/test-env";
import { decodeStreamedResponse, functionUrlEvent, SITE_HOST, type FunctionUrlRequest } from "./helpers/function-url";
import { startLocalLambda, type LocalLambda } from "./helpers/local-lambda";
import { builtServerFunction, OPEN_NEXT_DIR } from "./helpers/open-next-build";

/**
 * The OpenNext server function exactly as it would be deployed (.open-next/server-functions/
 * default, built by `npm run build:web`), loaded in its own Node process the way Lambda loads it
 * and called with Function URL events, against the real local PostgreSQL and S3/SQS (fauxqs).
 * Lambda's `awslambda` streaming API is the one piece of the Lambda runtime provided by the test
 * (helpers/lambda-runtime.ts).
 */

const server = builtServerFunction();
let fn: LocalLambda;
let sqs: SQSClient;
let queueUrl: string;

/** The header value CloudFront adds to every origin request in AWS (from Secrets Manager there). */
const ORIGIN_SECRET = "origin-verify-test-secret-0123456789abcdefghij";

/** A request as CloudFront forwards it: with the origin-verify header. */
async function request(req: FunctionUrlRequest) {
  return direct({ ...req, headers: { [ORIGIN_VERIFY_HEADER]: ORIGIN_SECRET, ...req.headers } });
}

/** A request straight to the function URL, as anyone who learned it could send. */
async function direct(req: FunctionUrlRequest) {
  return decodeStreamedResponse(await fn.invoke(functionUrlEvent(req)));
}

/** A tRPC mutation as the browser's client sends it (superjson, not batched). */
async function mutate(proc: string, input: unknown, cookie: string) {
  const res = await request({
    method: "POST",
    url: `/api/trpc/${proc}`,
    headers: { "content-type": "application/json" },
    cookies: [cookie],
    body: JSON.stringify(superjson.serialize(input)),
  });
  expect(res.statusCode, res.body).toBe(200);
  return superjson.deserialize((JSON.parse(res.body) as { result: { data: Parameters<typeof superjson.deserialize>[0] } }).result.data);
}

function visitorCookie(cookies: string[]): string {
  const cookie = cookies.find((c) => c.startsWith("fp_visitor="));
  if (!cookie) throw new Error(`no visitor cookie in ${JSON.stringify(cookies)}`);
  return cookie.split(";")[0] ?? cookie;
}

beforeAll(async () => {
  const env = testEnv();
  sqs = testAwsClients().sqs;
  // Its own queues, so the job this file creates meets no other test's consumer.
  const suffix = Math.random().toString(36).slice(2, 8);
  const [queue, priority] = await Promise.all(
    ["jobs", "jobs-priority"].map((name) => sqs.send(new CreateQueueCommand({ QueueName: `web-fn-${name}-${suffix}` }))),
  );
  if (!queue?.QueueUrl || !priority?.QueueUrl) throw new Error("fauxqs did not create the queues");
  queueUrl = queue.QueueUrl;

  // The web app's whole environment contract (core/env.ts webEnv), nothing from this process.
  fn = await startLocalLambda({
    handlerFile: server.handlerFile,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      // Lambda sets none; the bundle defaults it to "production" itself. Named here for the types.
      NODE_ENV: "production",
      DATABASE_URL: env.DATABASE_URL,
      AUTH_SECRET: env.AUTH_SECRET,
      ORIGIN_VERIFY_SECRET: ORIGIN_SECRET,
      APP_URL: "https://frames.example",
      ...localAwsChildEnv(),
      JOBS_QUEUE_URL: queue.QueueUrl,
      JOBS_PRIORITY_QUEUE_URL: priority.QueueUrl,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
  });
});

afterAll(async () => {
  await fn?.stop();
  sqs?.destroy();
});

describe("the built server function, invoked as Lambda invokes it", () => {
  it("refuses pages and API calls that did not come through CloudFront (no or a wrong origin header)", async () => {
    for (const req of [
      { url: "/" },
      { url: "/api/trpc/viewer.me" },
      { url: "/", headers: { [ORIGIN_VERIFY_HEADER]: "not-the-secret" } },
      { method: "POST" as const, url: "/api/stripe/webhook", body: "{}" },
    ]) {
      const res = await direct(req);
      expect(res.statusCode, `${req.url}: ${res.body.slice(0, 200)}`).toBe(403);
      expect(res.cookies.some((c) => c.startsWith("fp_visitor="))).toBe(false);
    }
  });

  it("serves the home page, whose scripts and styles are all in the static assets", async () => {
    const res = await request({ url: "/" });
    expect(res.statusCode, fn.logs()).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body).toContain("<title>Frame Picker — the best stills from your videos</title>");
    expect(visitorCookie(res.cookies)).toMatch(/^fp_visitor=[0-9a-f-]{36}\.[\w-]+$/);

    // The upload flow renders in the browser (it reads ?job=), from chunks CloudFront serves out
    // of the assets bucket: every one the page names must be there, the hero's text among them.
    const assetPaths = [...new Set(res.body.match(/\/_next\/static\/[\w\-./]+\.(?:js|css|woff2)/g))];
    expect(assetPaths.length).toBeGreaterThan(3);
    const assets = await Promise.all(assetPaths.map((p) => readFile(path.join(OPEN_NEXT_DIR, "assets", p), "utf8")));
    expect(assets.some((text) => text.includes("The best stills from your video"))).toBe(true);
  });

  it("sends the security headers, and a page's scripts all carry the nonce of its own answer's policy", async () => {
    const nonces: string[] = [];
    for (let load = 0; load < 2; load++) {
      const res = await request({ url: "/" });
      expect(res.statusCode, fn.logs()).toBe(200);
      const csp = res.headers["content-security-policy"] ?? "";
      const nonce = /'nonce-([\w+/=]+)'/.exec(csp)?.[1];
      expect(nonce, csp).toBeDefined();
      expect(csp).toContain("'strict-dynamic'");
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).toContain("frame-ancestors 'none'");
      // Prerendered HTML could not know the nonce: every script tag must have been rendered for this answer.
      const scripts = res.body.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(3);
      for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
      nonces.push(nonce!);
    }
    expect(nonces[0]).not.toBe(nonces[1]);

    for (const url of ["/", "/api/trpc/viewer.usage"]) {
      const res = await request({ url });
      for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) expect(res.headers[name.toLowerCase()], `${url} ${name}`).toBe(value);
    }
    expect((await request({ url: "/api/trpc/viewer.usage" })).headers["content-security-policy"]).toBe(RESOURCE_CSP);
  });

  it("never lets a shared cache keep a page or an answer made for one visitor", async () => {
    for (const url of ["/", "/videos", "/dashboard", "/api/trpc/viewer.usage"]) {
      const res = await request({ url });
      expect(res.headers["cache-control"], url).toMatch(/\b(private|no-store)\b/);
      expect(res.headers["cache-control"], url).not.toMatch(/s-maxage|public/);
    }
  });

  it("answers an uptime check: the database, both queues and both buckets reachable with the function's own access", async () => {
    const res = await request({ url: "/api/health" });
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, checks: { database: "ok", queue: "ok", uploads: "ok", frames: "ok" } });
    expect(res.headers["cache-control"]).toMatch(/\bno-store\b/);
  });

  it("builds its sign-in URLs on the site's domain, not the function's", async () => {
    const res = await request({ url: "/api/auth/providers" });
    expect(res.statusCode, res.body).toBe(200);
    const providers = JSON.parse(res.body) as Record<string, { signinUrl: string; callbackUrl: string }>;
    expect(providers.credentials?.callbackUrl).toBe(`https://${SITE_HOST}/api/auth/callback/credentials`);
  });

  it("answers a tRPC query from the database: a new visitor is a guest", async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: superjson.serialize(undefined) }));
    const res = await request({ url: `/api/trpc/viewer.me?batch=1&input=${input}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const [first] = JSON.parse(res.body) as Array<{ result: { data: Parameters<typeof superjson.deserialize>[0] } }>;
    expect(superjson.deserialize(first!.result.data)).toEqual({ kind: "anonymous", email: null, name: null, tier: TIERS.anonymous });
  });

  it("sends a visitor without an account from the dashboard to sign in, and back afterwards", async () => {
    const res = await request({ url: "/dashboard" });
    // The root loading.tsx makes the page stream: the shell goes out with 200, then the redirect
    // as the meta refresh (and router instruction) Next sends once headers are gone.
    expect(res.statusCode).toBe(200);
    const refresh = /<meta id="__next-page-redirect" http-equiv="refresh" content="\d+;url=([^"]+)"/.exec(res.body);
    const target = new URL(refresh?.[1]?.replaceAll("&amp;", "&") ?? "", `https://${SITE_HOST}`);
    expect(target.pathname).toBe("/sign-in");
    expect(target.searchParams.get("callbackUrl")).toBe("/dashboard");
    expect(res.body).not.toContain("Signed in as");
  });

  it("takes an upload to S3 and queues the job on SQS", async () => {
    const cookie = visitorCookie((await request({ url: "/" })).cookies);
    const dir = await mkdtemp(path.join(os.tmpdir(), "fp-web-fn-"));
    const video = await readFile(await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 1, width: 160, height: 90, fps: 10 }));
    await rm(dir, { recursive: true, force: true });
    const ticket = (await mutate("upload.create", { name: "clip.mp4", type: "video/mp4", size: video.byteLength }, cookie)) as {
      videoId: string;
      method: string;
      url: string;
      headers: Record<string, string>;
    };
    expect(ticket.method).toBe("put");
    const put = await fetch(ticket.url, { method: "PUT", headers: ticket.headers, body: video });
    expect(put.status, await put.text()).toBe(200);

    await expect(mutate("upload.complete", { videoId: ticket.videoId }, cookie)).resolves.toEqual({ videoId: ticket.videoId });
    const { jobId } = (await mutate("job.create", { videoId: ticket.videoId, ...DEFAULT_PICK_PARAMS, format: "jpeg" }, cookie)) as {
      jobId: string;
    };

    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5, MaxNumberOfMessages: 1 }));
    expect(received.Messages?.map((m) => JSON.parse(m.Body ?? "null") as unknown)).toEqual([{ jobId }]);
  });
});

describe("the server function bundle", () => {
  it("fits Lambda's 250 MB unzipped limit and carries none of the worker's or the tooling's packages", async () => {
    const size = await assertServerFunctionFits(server.dir);
    expect(size.unzippedBytes).toBeLessThan(LAMBDA_UNZIPPED_LIMIT_BYTES);
    // The packages it needs at run time are there (traced, not left behind).
    expect([...size.packages]).toEqual(expect.arrayContaining(["next", "react", "pg", "@aws-sdk/client-s3"]));
    for (const pattern of FORBIDDEN_IN_SERVER_FUNCTION) {
      const prefix = pattern.replace(/\*$/, "");
      expect([...size.packages].filter((p) => (pattern.endsWith("*") ? p.startsWith(prefix) : p === pattern))).toEqual([]);
    }
  });
});
