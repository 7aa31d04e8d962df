import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";

export type Db = NodePgDatabase<typeof schema>;

/** One pool per process; Lambdas keep it small because RDS Proxy multiplexes. */
export function createDb(url: string, max = 10): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max });
  return { db: drizzle(pool, { schema }), pool };
}

let shared: { db: Db; pool: pg.Pool } | undefined;

/** The process-wide database, created on first use from the given URL. */
export function getDb(url: string): Db {
  shared ??= createDb(url);
  return shared.db;
}

export async function closeDb(): Promise<void> {
  await shared?.pool.end();
  shared = undefined;
}
