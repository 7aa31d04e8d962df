import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from "aws-lambda";
import pg from "pg";
import { loadSecretsIntoEnv } from "~/core/secrets";
import { runMigrations } from "./migrate";

/**
 * The migration Lambda, behind a CloudFormation custom resource (CDK Provider framework): the
 * stack applies db/migrations during `cdk deploy`, before the functions that depend on the
 * resource get new code. Create and Update apply whatever is pending (drizzle records what ran, so
 * a second run applies nothing); Delete leaves the database alone, since removing the stack or
 * replacing this resource must never drop data. An error fails the deployment, which then rolls back.
 */

/** Stays the same across updates, so CloudFormation never sees a replacement (and never sends Delete). */
export const PHYSICAL_RESOURCE_ID = "frame-picker-db-migrations";

export interface MigrationData {
  /** Migrations this invocation applied. */
  Applied: number;
  /** Migrations recorded in the database afterwards. */
  Total: number;
}

export async function handler(event: CdkCustomResourceEvent): Promise<CdkCustomResourceResponse<MigrationData | Record<string, never>>> {
  const physicalId = event.RequestType === "Create" ? PHYSICAL_RESOURCE_ID : event.PhysicalResourceId;
  if (event.RequestType === "Delete") {
    console.log("migrations: delete request, database left as it is");
    return { PhysicalResourceId: physicalId, Data: {} };
  }
  await loadSecretsIntoEnv();
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("the migration Lambda needs DATABASE_URL, or DATABASE_SECRET_ARN (+ DATABASE_HOST) to build it");

  const before = await countApplied(url);
  await runMigrations(url);
  const total = await countApplied(url);
  const data: MigrationData = { Applied: total - before, Total: total };
  console.log(`migrations (${event.RequestType}): applied ${data.Applied}, ${data.Total} in the database`);
  return { PhysicalResourceId: physicalId, Data: data };
}

/** Rows in drizzle's journal table (drizzle.__drizzle_migrations); 0 before the first migration. */
async function countApplied(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Two statements: PostgreSQL resolves table names when it parses, so one guarded query still fails.
    const exists = await client.query<{ t: string | null }>("select to_regclass('drizzle.__drizzle_migrations')::text as t");
    if (!exists.rows[0]?.t) return 0;
    const { rows } = await client.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}
