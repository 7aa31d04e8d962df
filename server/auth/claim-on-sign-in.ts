// PLACEHOLDER — the auth helper replaces this file (moves an anonymous visitor's data on sign-in).
import type { Db } from "~/db/client";
export async function claimVisitorDataOnSignIn(_db: Db, _userId: string | undefined): Promise<void> {}
