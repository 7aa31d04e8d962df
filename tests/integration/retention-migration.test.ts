/**
 * Migration 0004 (expiry dates): rows made before it get the date the sweep would have given them
 * on the day of the migration. A fresh database is migrated to 0003, filled, then migrated on.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "~/db/client";
import { queryOnce, scratchDatabase } from "../helpers/scratch-database";

const MIGRATIONS = path.join(import.meta.dirname, "..", "..", "db", "migrations");
const HOUR = 3_600_000;

let work: string;
let databaseUrl: string;
let dropDatabase: (() => Promise<void>) | undefined;

async function migrateFrom(folder: string): Promise<void> {
  const { db, pool } = createDb(databaseUrl, 1);
  try {
    await migrate(db, { migrationsFolder: folder });
  } finally {
    await pool.end();
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "fp-migration-0004-"));
  ({ url: databaseUrl, drop: dropDatabase } = await scratchDatabase("fp_mig4"));
});
afterAll(async () => {
  await dropDatabase?.();
  await rm(work, { recursive: true, force: true });
});

describe("migration 0004", () => {
  it("dates existing jobs and videos by the owner's tier of the day, from the job's end", async () => {
    // The migrations up to 0003 only.
    const before = path.join(work, "before");
    await cp(MIGRATIONS, before, { recursive: true });
    const journalFile = path.join(before, "meta", "_journal.json");
    const journal = JSON.parse(await readFile(journalFile, "utf8")) as { entries: Array<{ tag: string }> };
    const at = journal.entries.findIndex((e) => e.tag === "0004_retention_dates");
    expect(at).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, at);
    await writeFile(journalFile, JSON.stringify(journal));
    await migrateFrom(before);

    const ended = new Date(Date.now() - 2 * HOUR);
    const owners = { guest: crypto.randomUUID(), free: crypto.randomUUID(), pro: crypto.randomUUID() };
    await queryOnce(databaseUrl, "insert into users (id, is_anonymous) values ($1, true)", [owners.guest]);
    await queryOnce(databaseUrl, "insert into users (id, email, is_anonymous) values ($1, $2, false), ($3, $4, false)", [owners.free, `${owners.free}@example.test`, owners.pro, `${owners.pro}@example.test`]);
    await queryOnce(databaseUrl, "insert into subscriptions (id, user_id, status, interval, current_period_end) values ($1, $2, 'active', 'month', $3)", [`sub_${owners.pro.slice(0, 8)}`, owners.pro, new Date(Date.now() + 20 * 24 * HOUR)]);
    for (const [name, owner] of Object.entries(owners)) {
      const video = crypto.randomUUID();
      await queryOnce(databaseUrl, "insert into videos (id, owner_id, status, original_name, content_type, size_bytes, s3_key, created_at, uploaded_at) values ($1, $2, 'uploaded', 'a.mp4', 'video/mp4', 1000, $3, $4, $4)", [video, owner, `uploads/${owner}/${video}/source.mp4`, new Date(ended.getTime() - HOUR)]);
      await queryOnce(databaseUrl, "insert into jobs (video_id, owner_id, mode, quality, frame_count, min_interval_sec, frames_prefix, status, created_at, finished_at) values ($1, $2, 'profile', 'fast', 1, 1, $3, 'done', $4, $5)", [video, owner, `frames/${owner}/${name}/`, new Date(ended.getTime() - HOUR), ended]);
    }

    await migrateFrom(MIGRATIONS);

    const rows = await queryOnce(databaseUrl, "select j.owner_id, j.expires_at as job_expires, v.expires_at as video_expires from jobs j join videos v on v.id = j.video_id");
    const hours = { [owners.guest]: 24, [owners.free]: 7 * 24, [owners.pro]: 30 * 24 };
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const expected = ended.getTime() + hours[row.owner_id as string]! * HOUR;
      expect((row.job_expires as Date).getTime()).toBe(expected);
      expect((row.video_expires as Date).getTime()).toBe(expected);
    }
  });
});
