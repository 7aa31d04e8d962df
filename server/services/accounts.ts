import { UserError } from "~/core/errors";
import type { Db } from "~/db/client";
import { users } from "~/db/schema";
import type { SignUpInput } from "./account-inputs";
import { hashPassword } from "./account-passwords";

export const DUPLICATE_EMAIL_MESSAGE = "An account with this email already exists. Sign in instead.";

/** PostgreSQL's unique_violation, whether drizzle wrapped the driver's error or not. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if ((e as Error & { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * Creates an email + password account. The unique index on email decides between concurrent
 * sign-ups with the same address: exactly one wins, the others get CONFLICT (never a 500).
 */
export async function createPasswordAccount(db: Db, input: SignUpInput): Promise<{ id: string; email: string }> {
  const passwordHash = await hashPassword(input.password);
  try {
    const [row] = await db
      .insert(users)
      .values({ email: input.email, name: input.name || null, passwordHash, isAnonymous: false })
      .returning({ id: users.id });
    return { id: row!.id, email: input.email };
  } catch (err) {
    if (isUniqueViolation(err)) throw new UserError("CONFLICT", DUPLICATE_EMAIL_MESSAGE);
    throw err;
  }
}
