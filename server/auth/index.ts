/**
 * Auth.js (next-auth v5). Email + password through the Credentials provider, which requires
 * JWT sessions; GitHub and Google appear when their credentials are configured. The JWT carries
 * only the user id: the tier and everything else is read from the database on every request.
 */
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { webEnv } from "~/core/env";
import { accounts, sessions, users, verificationTokens } from "~/db/schema";
import { getServices } from "~/server/services/runtime";
import { authorizePassword } from "./authorize-password";
import { claimVisitorDataOnSignIn } from "./claim-on-sign-in";
import { rotateVisitorCookie } from "./rotate-visitor";
import { normalizeEmails } from "./normalize-emails";
import { configuredOAuthProviders } from "./oauth-providers";

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = webEnv();
  const { db } = getServices();
  const oauth = configuredOAuthProviders(env);
  return {
    secret: env.AUTH_SECRET,
    // Behind CloudFront the Host header is the site's; Auth.js must trust it to build its URLs.
    trustHost: true,
    adapter: normalizeEmails(
      DrizzleAdapter(db, {
        usersTable: users,
        accountsTable: accounts,
        sessionsTable: sessions,
        verificationTokensTable: verificationTokens,
      }),
    ),
    session: { strategy: "jwt" },
    pages: { signIn: "/sign-in", error: "/auth/error" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        authorize: (credentials, request) => authorizePassword(db, credentials, request),
      }),
      ...(oauth.includes("github") ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })] : []),
      ...(oauth.includes("google") ? [Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })] : []),
    ],
    callbacks: {
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      async signIn({ user, account }) {
        // Password sign-ins have already claimed the visitor's data in authorize().
        if (account?.provider !== "credentials") await claimVisitorDataOnSignIn(db, user.id);
        await rotateVisitorCookie();
      },
      signOut: rotateVisitorCookie,
    },
    logger: {
      // A wrong password is an answer, not an incident: keep it out of the error log.
      error(error) {
        if (error instanceof CredentialsSignin) return;
        console.error(error);
      },
    },
  };
});

/** The signed-in user's id, or null. Procedures and pages call this themselves (no middleware trust). */
export async function sessionUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}
