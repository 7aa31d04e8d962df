import { setTimeout as sleep } from "node:timers/promises";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../local/ports";
import { startPostgres, type PostgresHandle } from "../local/postgres";

/**
 * A throwaway PostgreSQL cluster that can be stopped and started again on the same port with its
 * data, as a database failover or a maintenance restart would. `persistent: true` is what keeps
 * the data dir across the restart; this module removes it at the end.
 */
export interface RestartablePostgres {
  url: string;
  /** Stops the cluster (fast shutdown: open connections are cut), waits `downMs`, starts it again. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "frame-picker-chaos-pg-"));
  const port = await freePort();
  const start = async (): Promise<PostgresHandle> => {
    const handle = await startPostgres({ dataDir: home, port, persistent: true });
    // PGlite cannot be restarted under its clients the way a server can; the run would prove nothing.
    if (handle.kind !== "cluster") {
      await handle.stop();
      throw new Error("npm run chaos needs the PostgreSQL server binaries (initdb, pg_ctl)");
    }
    return handle;
  };
  let current = await start();
  return {
    url: current.url,
    restart: async (downMs) => {
      await current.stop();
      await sleep(downMs);
      current = await start();
    },
    stop: async () => {
      await current.stop();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
