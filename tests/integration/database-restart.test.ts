/**
 * The app's database pool (db/client.ts) against real PostgreSQL when the server ends its idle
 * connections, as a restart or an RDS failover does: the process keeps running and the next query
 * gets a fresh connection. Run in a process of its own, since what fails otherwise is the process.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { testEnv } from "../setup/test-env";

const run = promisify(execFile);

describe("the database pool", () => {
  it("survives the server ending an idle connection or one in use, and the next query works on a new one", async () => {
    const script = path.join(import.meta.dirname, "helpers", "pool-outlives-restart.ts");
    const { stdout } = await run(process.execPath, ["--import", "tsx", script, testEnv().DATABASE_URL], { timeout: 60_000 });
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as { before: number; after: number; heldPid: number; heldFailed: boolean; afterHeld: number };
    expect(result.after).toBeGreaterThan(0);
    expect(result.after).not.toBe(result.before);
    // A connection in use when it was ended: its next statement fails, the process goes on.
    expect(result.heldFailed).toBe(true);
    expect(result.afterHeld).not.toBe(result.heldPid);
  });
});
