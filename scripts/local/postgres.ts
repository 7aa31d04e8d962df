import { startCluster } from "./postgres-cluster";
import { startPglite } from "./pglite-server";
import { findPostgresBinDir } from "./system-deps";

export interface StartPostgresOptions {
  /** Cluster home: `.local/pg` for dev (kept), a fresh temp dir for tests (removed on stop). */
  dataDir: string;
  port: number;
  persistent: boolean;
  /** When set and no PostgreSQL binaries exist, serve PGlite from this folder instead (dev only). */
  pgliteDir?: string;
}

export interface PostgresHandle {
  url: string;
  stop(): Promise<void>;
  kind: "cluster" | "pglite";
}

/** A local PostgreSQL for dev and tests: a real private cluster when the binaries exist, else PGlite. */
export async function startPostgres(opts: StartPostgresOptions): Promise<PostgresHandle> {
  const binDir = findPostgresBinDir();
  if (binDir) {
    const cluster = await startCluster({ home: opts.dataDir, port: opts.port, binDir, persistent: opts.persistent });
    return { ...cluster, kind: "cluster" };
  }
  if (opts.pgliteDir) {
    const pglite = await startPglite({ home: opts.pgliteDir, port: opts.port });
    return { ...pglite, kind: "pglite" };
  }
  throw new Error(
    "PostgreSQL server binaries (initdb, pg_ctl) were not found: install postgresql, or set PG_BIN_DIR, or DATABASE_URL to use a server you run.",
  );
}
