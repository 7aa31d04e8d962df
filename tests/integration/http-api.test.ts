import { describe, expect, it } from "vitest";
import { POST, GET } from "~/app/api/trpc/[trpc]/route";
import { MAX_BATCH_CALLS } from "~/core/api-limits";
import { IP_LIMITS } from "~/core/ip-limits";

// The real route handler, as Next calls it: cookies, the error shape and zod field errors.
const base = "http://localhost:3000/api/trpc";

async function call(method: "GET" | "POST", proc: string, input: unknown, cookie?: string, extraHeaders: Record<string, string> = {}) {
  const headers: Record<string, string> = { "content-type": "application/json", ...extraHeaders };
  if (cookie) headers.cookie = cookie;
  const req =
    method === "POST"
      ? new Request(`${base}/${proc}`, { method, headers, body: JSON.stringify({ json: input }) })
      : new Request(`${base}/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers });
  const res = await (method === "POST" ? POST(req) : GET(req));
  const body = (await res.json()) as {
    result?: { data: { json: unknown } };
    error?: { json: { message: string; data: { code: string; httpStatus: number; zodError: { fieldErrors: Record<string, string[]> } | null } } };
  };
  const setCookie = res.headers.get("set-cookie");
  return { status: res.status, body, cookie: setCookie ? setCookie.split(";")[0] : undefined };
}

/** One batched POST of `calls` upload.create calls, as httpBatchLink sends them. */
async function uploadBatch(calls: number, cookie: string) {
  const paths = Array.from({ length: calls }, () => "upload.create").join(",");
  const body = Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, { json: { name: `b${i}.mp4`, type: "video/mp4", size: 1000 } }]));
  const res = await POST(new Request(`${base}/${paths}?batch=1`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) }));
  return { status: res.status, text: await res.text() };
}

describe("the tRPC HTTP endpoint", () => {
  it(`refuses a batch of more than ${MAX_BATCH_CALLS} calls whole, before running any of them`, async () => {
    const { cookie } = await call("GET", "video.list", undefined);
    const tooBig = await uploadBatch(MAX_BATCH_CALLS + 1, cookie!);
    expect(tooBig.status).toBe(400);
    expect(tooBig.text).toContain("Batch call exceeds maximum size");
    const listed = await call("GET", "video.list", undefined, cookie);
    expect((listed.body.result?.data.json as { videos: unknown[] }).videos).toHaveLength(0);

    const allowed = await uploadBatch(MAX_BATCH_CALLS, cookie!);
    expect(allowed.status).toBe(200);
    const after = await call("GET", "video.list", undefined, cookie);
    expect((after.body.result?.data.json as { videos: unknown[] }).videos).toHaveLength(MAX_BATCH_CALLS);
  });

  it("counts guests' uploads per client network as CloudFront names it, whatever the cookie", async () => {
    // Each call without a cookie is a new visitor: a private window every time.
    const fromViewer = (address: string) => call("POST", "upload.create", { name: "a.mp4", type: "video/mp4", size: 1000 }, undefined, { "cloudfront-viewer-address": address });
    for (let i = 0; i < IP_LIMITS.guestUploads.max; i++) expect((await fromViewer(`198.51.100.23:${40000 + i}`)).status).toBe(200);
    const refused = await fromViewer("198.51.100.23:41000");
    expect(refused.status).toBe(429);
    expect(refused.body.error?.json.message).toMatch(/^Too many uploads without an account from your network: 5 per day at most\./);
    // Another network (an IPv6 viewer address, port after the last colon) is counted apart.
    expect((await fromViewer("[2001:db8::23]:40000")).status).toBe(200);
  });

  it("gives a new visitor a signed httpOnly identity and keeps their data under it", async () => {
    const first = await call("POST", "upload.create", { name: "a.mp4", type: "video/mp4", size: 1000 });
    expect(first.status).toBe(200);
    expect(first.cookie).toMatch(/^fp_visitor=[0-9a-f-]{36}\.[\w-]+$/);

    const list = await call("GET", "video.list", undefined, first.cookie);
    expect(list.cookie).toBeUndefined(); // a valid cookie is kept, not replaced
    expect((list.body.result?.data.json as { videos: Array<{ name: string }> }).videos.map((v) => v.name)).toEqual(["a.mp4"]);
  });

  it("treats a forged cookie as a stranger", async () => {
    const first = await call("POST", "upload.create", { name: "mine.mp4", type: "video/mp4", size: 1000 });
    const [, value] = first.cookie!.split("=");
    const forged = `fp_visitor=${crypto.randomUUID()}.${value!.split(".")[1]}`;
    const list = await call("GET", "video.list", undefined, forged);
    expect(list.cookie).toMatch(/^fp_visitor=/);
    expect(list.cookie).not.toBe(forged);
    expect((list.body.result?.data.json as { videos: unknown[] }).videos).toEqual([]);
  });

  it("returns field errors a form can show, with a 400", async () => {
    const res = await call("POST", "job.create", {
      videoId: crypto.randomUUID(),
      mode: "action",
      quality: "fast",
      count: 0,
      minIntervalSec: 30,
    });
    expect(res.status).toBe(400);
    expect(res.body.error?.json.data.code).toBe("BAD_REQUEST");
    expect(res.body.error?.json.data.zodError?.fieldErrors.count?.[0]).toMatch(/at least 1/);
    expect(res.body.error?.json.data.zodError?.fieldErrors.minIntervalSec?.[0]).toMatch(/at most 10/);
  });

  it("maps domain errors to codes and plain messages", async () => {
    const res = await call("POST", "upload.create", { name: "huge.mp4", type: "video/mp4", size: 80 * 1024 * 1024 });
    expect(res.status).toBe(413);
    expect(res.body.error?.json.data.code).toBe("PAYLOAD_TOO_LARGE");
    expect(res.body.error?.json.message).toMatch(/Guest limit is 50 MB/);
    expect(res.body.error?.json.data.zodError).toBeNull();
  });
});
