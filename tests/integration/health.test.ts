/**
 * /api/health against the real local PostgreSQL and S3/SQS stand-ins, and with each dependency
 * broken in turn.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "~/app/api/health/route";
import { createDb } from "~/db/client";
import { checkHealth, HEALTH_CHECKS, type HealthCheck } from "~/server/services/health";
import type { Services } from "~/server/services/runtime";
import { createTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;

beforeAll(async () => {
  stack = await createTestStack("health");
});
afterAll(async () => {
  await stack.close();
});

describe("the health check", () => {
  it("the route answers 200 with every dependency ok, never cached", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ ok: true, checks: { database: "ok", queue: "ok", uploads: "ok", frames: "ok" } });
  });

  const broken: Record<HealthCheck, () => { services: Services; secret: string }> = {
    database: () => {
      const { db } = createDb("postgres://health:s3cret-password@127.0.0.1:1/nowhere");
      return { services: { ...stack.services, db }, secret: "s3cret-password" };
    },
    queue: () => {
      const url = `${stack.services.env.JOBS_PRIORITY_QUEUE_URL}-missing-queue`;
      return { services: { ...stack.services, env: { ...stack.services.env, JOBS_PRIORITY_QUEUE_URL: url } }, secret: "missing-queue" };
    },
    uploads: () => ({ services: { ...stack.services, env: { ...stack.services.env, UPLOADS_BUCKET: "no-such-uploads-bucket" } }, secret: "no-such-uploads-bucket" }),
    frames: () => ({ services: { ...stack.services, env: { ...stack.services.env, FRAMES_BUCKET: "no-such-frames-bucket" } }, secret: "no-such-frames-bucket" }),
  };
  for (const name of HEALTH_CHECKS) {
    it(`names a failing ${name}, and only it, without saying why`, async () => {
      const { services, secret } = broken[name]();
      const report = await checkHealth(services);
      expect(report.ok).toBe(false);
      expect(report.checks).toEqual(Object.fromEntries(HEALTH_CHECKS.map((check) => [check, check === name ? "failing" : "ok"])));
      expect(JSON.stringify(report)).not.toContain(secret);
    });
  }
});
