import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSecretsManager, type FakeSecretsManager } from "../fakes/secrets-manager";
import { queryOnce, scratchDatabase } from "../helpers/scratch-database";
import { invokeInFreshNode, repoRoot, runWorkerBuild, unzip } from "./helpers/worker-lambda";

/**
 * The migration Lambda as built by `npm run build:worker` (its own small artefact), answering the
 * events the CDK Provider framework forwards from CloudFormation, against a fresh empty database
 * in the test cluster. The first run reads its credentials the way it does in AWS: an RDS-style
 * secret in (a loopback stand-in for) Secrets Manager, named by DATABASE_SECRET_ARN.
 */

const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:test/db-AbCdEf";
let work: string;
let handlerFile: string;
let databaseUrl: string;
let databaseName: string;
let dropDatabase: (() => Promise<void>) | undefined;
let secrets: FakeSecretsManager;
let expectedMigrations: number;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "fp-migrate-artefact-"));
  const build = await runWorkerBuild(["--arch", "x86_64", "--skip-ffmpeg", "--out", path.join(work, "out"), "--cache-dir", path.join(work, "cache")]);
  expect(build.code, build.output).toBe(0);
  await unzip(path.join(work, "out", "migrate.zip"), path.join(work, "migrate"));
  handlerFile = path.join(work, "migrate", "handler.mjs");

  ({ name: databaseName, url: databaseUrl, drop: dropDatabase } = await scratchDatabase("fp_migrate"));

  const journal = JSON.parse(await readFile(path.join(repoRoot, "db", "migrations", "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  expectedMigrations = journal.entries.length;

  secrets = await startFakeSecretsManager();
  const parsed = new URL(databaseUrl);
  secrets.secrets.set(
    SECRET_ARN,
    JSON.stringify({ engine: "postgres", username: decodeURIComponent(parsed.username), password: "unused-with-trust-auth", host: "db.instance.internal", port: Number(parsed.port), dbname: databaseName }),
  );
});
afterAll(async () => {
  await secrets?.stop();
  await dropDatabase?.();
  await rm(work, { recursive: true, force: true });
});

/** What the Provider framework's onEvent function receives from CloudFormation. */
function cfnEvent(requestType: "Create" | "Update" | "Delete", physicalId?: string) {
  const properties = { ServiceToken: "arn:aws:lambda:us-east-1:123456789012:function:provider", MigrationsHash: "abc" };
  return {
    RequestType: requestType,
    ServiceToken: properties.ServiceToken,
    ResponseURL: "https://cloudformation-custom-resource-response.example/unused",
    StackId: "arn:aws:cloudformation:us-east-1:123456789012:stack/fp-dev-data/1",
    RequestId: crypto.randomUUID(),
    LogicalResourceId: "DbMigrations",
    ResourceType: "Custom::DbMigrations",
    ResourceProperties: properties,
    ...(physicalId ? { PhysicalResourceId: physicalId } : {}),
    ...(requestType === "Update" ? { OldResourceProperties: { ...properties, MigrationsHash: "older" } } : {}),
  };
}

const awsEnv = { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" };

describe("the migration Lambda", () => {
  it("applies every migration on Create, then nothing on Update or another run", async () => {
    const create = await invokeInFreshNode(handlerFile, "handler", [cfnEvent("Create")], {
      ...awsEnv,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      DATABASE_SECRET_ARN: SECRET_ARN,
      DATABASE_HOST: "127.0.0.1",
      DATABASE_SSLMODE: "disable",
    });
    expect(create.results, create.logs).toEqual([
      { ok: true, value: { PhysicalResourceId: "frame-picker-db-migrations", Data: { Applied: expectedMigrations, Total: expectedMigrations } } },
    ]);
    expect(secrets.requests).toEqual([`secretsmanager.GetSecretValue ${SECRET_ARN}`]);
    const tables = await queryOnce<{ table_name: string }>(databaseUrl, "select table_name from information_schema.tables where table_schema = 'public'");
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["users", "videos", "jobs", "frames"]));

    // A second deploy: a new container, the same physical id, nothing left to apply.
    const again = await invokeInFreshNode(handlerFile, "handler", [cfnEvent("Update", "frame-picker-db-migrations"), cfnEvent("Update", "frame-picker-db-migrations")], {
      ...awsEnv,
      DATABASE_URL: databaseUrl,
    });
    const unchanged = { ok: true, value: { PhysicalResourceId: "frame-picker-db-migrations", Data: { Applied: 0, Total: expectedMigrations } } };
    expect(again.results, again.logs).toEqual([unchanged, unchanged]);
    const [recorded] = await queryOnce<{ n: number }>(databaseUrl, "select count(*)::int as n from drizzle.__drizzle_migrations");
    expect(recorded?.n).toBe(expectedMigrations);
  });

  it("leaves the database alone on Delete, without even connecting", async () => {
    const [before] = await queryOnce<{ n: number }>(databaseUrl, "select count(*)::int as n from information_schema.tables where table_schema = 'public'");
    const { results, logs } = await invokeInFreshNode(handlerFile, "handler", [cfnEvent("Delete", "frame-picker-db-migrations")], awsEnv);
    expect(results, logs).toEqual([{ ok: true, value: { PhysicalResourceId: "frame-picker-db-migrations", Data: {} } }]);
    const [after] = await queryOnce<{ n: number }>(databaseUrl, "select count(*)::int as n from information_schema.tables where table_schema = 'public'");
    expect(after?.n).toBe(before?.n);
    expect(before?.n).toBeGreaterThan(0);
  });

  it("fails the deployment when the database cannot be reached", async () => {
    const unreachable = new URL(databaseUrl);
    unreachable.port = "1";
    const { results } = await invokeInFreshNode(handlerFile, "handler", [cfnEvent("Create")], { ...awsEnv, DATABASE_URL: unreachable.toString() });
    expect(results).toEqual([{ ok: false, error: expect.stringMatching(/ECONNREFUSED/) }]);
  });
});
