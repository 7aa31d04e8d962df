// PLACEHOLDER — the auth helper replaces this file (rate-limited password sign-in).
import type { Db } from "~/db/client";
export async function authorizePassword(_db: Db, _credentials: Partial<Record<string, unknown>>, _request: Request): Promise<{ id: string; email: string; name: string | null } | null> {
  return null;
}
