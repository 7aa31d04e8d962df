import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";

export type Db = NodePgDatabase<typeof schema>;

/** One pool per process; Lambdas keep it small because RDS Proxy multiplexes. */
export function createDb(url: string, max = 10): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection dies when the server restarts or fails over (RDS Multi-AZ). pg reports it
  // on the pool, and an 'error' event nobody listens to ends the whole process: the web server
  // and the worker would crash instead of opening a fresh connection for the next query.
  pool.on("error", (err) => console.warn(`database: an idle connection was closed (${err.message}); the next query opens a new one`));
  // The same for a connection checked out between two statements (inside a transaction): the
  // transaction's next statement fails with the error, and the process must not end with it.
  pool.on("connect", (client) => client.on("error", (err) => console.warn(`database: a connection in use was closed (${err.message})`)));
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
