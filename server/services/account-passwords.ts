import bcrypt from "bcryptjs";

/**
 * bcrypt cost for new hashes. Measured on this project's 2-core machine with bcryptjs 3.0.3
 * (pure JS): cost 10 ≈ 70 ms, 11 ≈ 135 ms, 12 ≈ 265 ms per hash or compare. 11 keeps a
 * sign-in snappy on a Lambda while staying above OWASP's minimum of 10.
 */
export const BCRYPT_COST = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no hash (unknown email, OAuth-only account) it
 * still runs one bcrypt compare, against a throwaway hash of the same cost, so the answer and
 * the time it takes do not tell whether the account exists.
 */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (hash) return bcrypt.compare(password, hash);
  dummyHash ??= bcrypt.hash(crypto.randomUUID(), BCRYPT_COST);
  await bcrypt.compare(password, await dummyHash);
  return false;
}
