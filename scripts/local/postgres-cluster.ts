import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { exec, execOrThrow } from "./exec";
import { assertNotInUse, claimHome, liveOwner } from "./home-owner";
import { which } from "./system-deps";

/**
 * A private PostgreSQL cluster from the server binaries: `initdb` once, `pg_ctl start` on a port
 * of our choosing, reachable on 127.0.0.1 only. Layout under `home`: data/ (the cluster), run/
 * (its Unix socket), server.log, owner.pid (which process started it, for stale-cluster sweeps).
 */

export const DATABASE_NAME = "frame_picker";

export interface ClusterOptions {
  home: string;
  port: number;
  binDir: string;
  /** Dev keeps data across runs; tests get a fresh cluster tuned for speed and remove it on stop. */
  persistent: boolean;
}

export interface Cluster {
  url: string;
  stop(): Promise<void>;
}

interface PostgresUser {
  uid: number;
  gid: number;
}

const isRoot = () => process.getuid?.() === 0;

/** initdb and postgres refuse to run as root, so as root they run as Debian's `postgres` user. */
async function postgresUser(): Promise<PostgresUser | undefined> {
  if (!isRoot()) return undefined;
  const uid = await exec("id", ["-u", "postgres"]);
  const gid = await exec("id", ["-g", "postgres"]);
  if (uid.code !== 0 || gid.code !== 0) {
    throw new Error(
      "Running as root, PostgreSQL needs the `postgres` system user (installing Debian's postgresql package creates it); or run as a normal user.",
    );
  }
  return { uid: Number(uid.output.trim()), gid: Number(gid.output.trim()) };
}

function asUser(user: PostgresUser | undefined, command: string, args: string[]): [string, string[]] {
  if (!user) return [command, args];
  if (which("runuser")) return ["runuser", ["-u", "postgres", "--", command, ...args]];
  const quoted = [command, ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(" ");
  return ["su", ["postgres", "-s", "/bin/sh", "-c", quoted]];
}

/** Whether `user` can walk down to `dir` (a repo under /root is out of reach for `postgres`). */
function reachable(user: PostgresUser, dir: string): boolean {
  for (let current = path.dirname(path.resolve(dir)); ; current = path.dirname(current)) {
    if (fs.existsSync(current)) {
      const { mode, uid, gid } = fs.statSync(current);
      const ok = uid === user.uid ? mode & 0o100 : gid === user.gid ? mode & 0o010 : mode & 0o001;
      if (!ok) return false;
    }
    if (current === path.dirname(current)) return true;
  }
}

/** As root, a home the `postgres` user cannot reach moves to a stable spot under the temp dir. */
function usableHome(user: PostgresUser | undefined, home: string): string {
  if (!user || reachable(user, home)) return home;
  const key = createHash("sha256").update(path.resolve(home)).digest("hex").slice(0, 12);
  return path.join(os.tmpdir(), `frame-picker-pg-${key}`);
}

function makeOwnedDir(dir: string, user: PostgresUser | undefined): void {
  // Parents keep default permissions: a 0700 `.local` would lock the `postgres` user out.
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (user) fs.chownSync(dir, user.uid, user.gid);
}

function pgCtlArgs(binDir: string, dataDir: string, args: string[]): [string, string[]] {
  return [path.join(binDir, "pg_ctl"), ["-D", dataDir, ...args]];
}

/** Stops a server left running in this data dir by an earlier run that never cleaned up. */
async function stopStale(binDir: string, dataDir: string, user: PostgresUser | undefined): Promise<void> {
  if (!fs.existsSync(path.join(dataDir, "postmaster.pid"))) return;
  const status = await exec(...asUser(user, ...pgCtlArgs(binDir, dataDir, ["status"])));
  if (status.code === 0) {
    await exec(...asUser(user, ...pgCtlArgs(binDir, dataDir, ["stop", "-m", "fast", "-w", "-t", "30"])));
  }
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}

function logTail(logFile: string): string {
  try {
    return fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-15).join("\n");
  } catch {
    return "(no server log)";
  }
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const user = await postgresUser();
  const home = usableHome(user, opts.home);
  const dataDir = path.join(home, "data");
  const runDir = path.join(home, "run");
  const logFile = path.join(home, "server.log");

  // Refuse a home another live process uses; a server left by a dead one is stopped.
  assertNotInUse(home, "PostgreSQL");
  if (fs.existsSync(dataDir)) await stopStale(opts.binDir, dataDir, user);
  if (!opts.persistent) fs.rmSync(home, { recursive: true, force: true });
  makeOwnedDir(home, user);
  makeOwnedDir(runDir, user);
  claimHome(home, "PostgreSQL");

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const initdb = path.join(opts.binDir, "initdb");
    const speed = opts.persistent ? [] : ["--no-sync"];
    await execOrThrow(
      ...asUser(user, initdb, ["-D", dataDir, "--auth=trust", "-U", "postgres", "--encoding=UTF8", "--no-locale", ...speed]),
    );
  }

  // Throwaway test clusters trade durability for speed; a crash loses nothing we need.
  const durability = opts.persistent ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
  const serverOptions = `-p ${opts.port} -k '${runDir}' -c listen_addresses=127.0.0.1 -c max_connections=200${durability}`;
  const start = await exec(
    ...asUser(user, ...pgCtlArgs(opts.binDir, dataDir, ["-l", logFile, "-w", "-t", "60", "-o", serverOptions, "start"])),
  );
  if (start.code !== 0) {
    throw new Error(`PostgreSQL did not start on port ${opts.port}:\n${start.output.trim()}\n${logTail(logFile)}`);
  }

  // If this process dies without calling stop() (an exception, process.exit), do not leave a server behind.
  const [stopCommand, stopArgs] = asUser(user, ...pgCtlArgs(opts.binDir, dataDir, ["stop", "-m", "immediate", "-w"]));
  const emergencyStop = () => {
    spawnSync(stopCommand, stopArgs, { stdio: "ignore" });
    if (!opts.persistent) fs.rmSync(home, { recursive: true, force: true });
  };
  process.once("exit", emergencyStop);

  try {
    await ensureDatabase(opts.port);
  } catch (error) {
    process.removeListener("exit", emergencyStop);
    emergencyStop();
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres@127.0.0.1:${opts.port}/${DATABASE_NAME}`,
    stop: () =>
      (stopped ??= (async () => {
        process.removeListener("exit", emergencyStop);
        await exec(...asUser(user, ...pgCtlArgs(opts.binDir, dataDir, ["stop", "-m", "fast", "-w", "-t", "30"])));
        if (!opts.persistent) fs.rmSync(home, { recursive: true, force: true });
      })()),
  };
}

/** Removes throwaway clusters (`<parent>/<prefix>*`) whose owning process is gone (killed test runs). */
export async function sweepStaleClusters(parent: string, prefix: string, binDir: string): Promise<void> {
  const user = await postgresUser();
  const names = fs.existsSync(parent) ? fs.readdirSync(parent).filter((n) => n.startsWith(prefix)) : [];
  for (const name of names) {
    const home = path.join(parent, name);
    if (liveOwner(home) !== undefined) continue;
    // A run that is just starting may not have written owner.pid yet: leave young folders alone.
    if (!fs.existsSync(path.join(home, "owner.pid")) && Date.now() - fs.statSync(home).mtimeMs < 60_000) continue;
    await stopStale(binDir, path.join(home, "data"), user);
    fs.rmSync(home, { recursive: true, force: true });
  }
}
