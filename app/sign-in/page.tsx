import Link from "next/link";
import { redirect } from "next/navigation";
import { webEnv } from "~/core/env";
import { configuredOAuthProviders } from "~/server/auth/oauth-providers";
import { currentUser } from "~/server/auth/require-user";
import { signInFailureMessage } from "~/server/auth/sign-in-codes";
import { AuthCard, authLinkClass } from "../_components/auth/auth-card";
import { authErrorMessage } from "../_components/auth/auth-error-messages";
import { firstParam, type SearchParams } from "../_components/auth/auth-page-params";
import { safeCallbackPath, withCallback } from "../_components/auth/safe-callback";
import { SignInForm } from "../_components/auth/sign-in-form";
import { pageMetadata } from "../_components/site/page-metadata";

export const metadata = pageMetadata({
  title: "Sign in",
  description: "Sign in to Frame Picker to see your videos, their picked frames and your plan.",
});

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackPath);

  // Auth.js sends people back here with ?error= (and ?code= for a password sign-in).
  const error = firstParam(params.error);
  const initialError = error
    ? error === "CredentialsSignin"
      ? signInFailureMessage(firstParam(params.code))
      : authErrorMessage(error).message
    : undefined;

  return (
    <AuthCard
      title="Sign in"
      subtitle="Welcome back. Your videos and results are waiting."
      footer={
        <>
          New to Frame Picker?{" "}
          <Link href={withCallback("/sign-up", callbackPath)} className={authLinkClass}>
            Create an account
          </Link>
        </>
      }
    >
      <SignInForm
        callbackPath={callbackPath}
        oauthProviders={configuredOAuthProviders(webEnv())}
        initialError={initialError}
      />
    </AuthCard>
  );
}
