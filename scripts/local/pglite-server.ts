import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { claimHome } from "./home-owner";

/**
 * The zero-install database for `npm run dev`: PGlite (Postgres in WASM) in this process, served
 * over the wire protocol so `pg` in the web app and the worker connects as to any server.
 * It runs one statement at a time, so it is for clicking around, never for tests.
 */

// The web app and the worker each keep a pool of up to 10 connections (db/client.ts).
const MAX_CONNECTIONS = 20;

/** Serves PGlite on 127.0.0.1:port with its data in `<home>/data`. */
export async function startPglite(opts: { home: string; port: number }): Promise<{ url: string; stop(): Promise<void> }> {
  // Two processes on one PGlite folder would corrupt it.
  claimHome(opts.home, "PGlite");
  const dataDir = path.join(opts.home, "data");
  fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, port: opts.port, host: "127.0.0.1", maxConnections: MAX_CONNECTIONS });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    // PGlite has a single database, `postgres`; it accepts any user and password.
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`,
    stop: () =>
      (stopped ??= (async () => {
        await server.stop();
        await db.close();
      })()),
  };
}
