/**
 * Run as its own process by database-restart.test.ts: the app's pool (db/client.ts) loses its idle
 * connection the way a server restart takes it, then queries again. Prints the two backend pids;
 * if the pool's 'error' event went unheard, the process dies before the second one.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { createDb } from "~/db/client";

const url = process.argv[2]!;
const { db, pool } = createDb(url, 2);
const pidOf = async () => (await db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`)).rows[0]!.pid;

const before = await pidOf();
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query("select pg_terminate_backend($1)", [before]);
await admin.end();
// Give the idle client time to hear that its connection is gone.
await new Promise((resolve) => setTimeout(resolve, 300));
const after = await pidOf();

// The same while a connection is checked out between two statements, as inside a transaction.
const held = await pool.connect();
const heldPid = (await held.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!.pid;
const admin2 = new pg.Client({ connectionString: url });
await admin2.connect();
await admin2.query("select pg_terminate_backend($1)", [heldPid]);
await admin2.end();
await new Promise((resolve) => setTimeout(resolve, 300));
const heldFailed = await held.query("select 1").then(
  () => false,
  () => true,
);
held.release(true);
const afterHeld = await pidOf();
console.log(JSON.stringify({ before, after, heldPid, heldFailed, afterHeld }));
await pool.end();
