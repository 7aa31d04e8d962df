import type { Adapter } from "next-auth/adapters";

const normalize = (email: string) => email.trim().toLowerCase();

/**
 * Stores and looks up OAuth users' emails the way password accounts store theirs (trimmed,
 * lower-cased), so one address is one account whatever case a provider reports it in.
 */
export function normalizeEmails(adapter: Adapter): Adapter {
  const { createUser, getUserByEmail, updateUser } = adapter;
  return {
    ...adapter,
    ...(createUser && { createUser: (user) => createUser({ ...user, email: normalize(user.email) }) }),
    ...(getUserByEmail && { getUserByEmail: (email) => getUserByEmail(normalize(email)) }),
    ...(updateUser && {
      updateUser: (user) => updateUser(user.email ? { ...user, email: normalize(user.email) } : user),
    }),
  };
}
