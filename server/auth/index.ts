/**
 * Auth.js (next-auth v5). Email + password through the Credentials provider, which requires
 * JWT sessions; GitHub and Google appear when their credentials are configured. The JWT carries
 * only the user id: the tier and everything else is read from the database on every request.
 */
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { webEnv } from "~/core/env";
import { accounts, sessions, users, verificationTokens } from "~/db/schema";
import { getServices } from "~/server/services/runtime";
import { authorizePassword } from "./authorize-password";
import { claimVisitorDataOnSignIn } from "./claim-on-sign-in";

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = webEnv();
  const { db } = getServices();
  return {
    secret: env.AUTH_SECRET,
    // Behind CloudFront the Host header is the site's; Auth.js must trust it to build its URLs.
    trustHost: true,
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    session: { strategy: "jwt" },
    pages: { signIn: "/sign-in", error: "/auth/error" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        authorize: (credentials, request) => authorizePassword(db, credentials, request),
      }),
      ...(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET
        ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })]
        : []),
      ...(env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET
        ? [Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })]
        : []),
    ],
    callbacks: {
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      signIn: ({ user }) => claimVisitorDataOnSignIn(db, user.id),
    },
  };
});

/** The signed-in user's id, or null. Procedures and pages call this themselves (no middleware trust). */
export async function sessionUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}
