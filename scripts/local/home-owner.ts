import fs from "node:fs";
import path from "node:path";

/**
 * Which process uses a local service's home folder (`owner.pid` inside it), so a second
 * `npm run dev` in the same checkout refuses to touch the first one's database, and leftovers of
 * killed runs can be told apart from folders in use.
 */

const ownerFile = (home: string) => path.join(home, "owner.pid");

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live process that owns `home`, if any (never this process). */
export function liveOwner(home: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(ownerFile(home), "utf8"), 10);
  } catch {
    return undefined;
  }
  return Number.isInteger(pid) && pid !== process.pid && isAlive(pid) ? pid : undefined;
}

/** Fails when another live process holds `home`. */
export function assertNotInUse(home: string, what: string): void {
  const owner = liveOwner(home);
  if (owner !== undefined) {
    throw new Error(`${what} in ${home} is in use by process ${owner} (another \`npm run dev\`?); stop that one first`);
  }
}

/** Marks `home` as ours, or fails when another live process holds it. */
export function claimHome(home: string, what: string): void {
  assertNotInUse(home, what);
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(ownerFile(home), String(process.pid));
}
