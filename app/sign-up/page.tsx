import Link from "next/link";
import { redirect } from "next/navigation";
import { webEnv } from "~/core/env";
import { formatDuration, formatRetention, TIERS } from "~/core/tiers";
import { configuredOAuthProviders } from "~/server/auth/oauth-providers";
import { currentUser } from "~/server/auth/require-user";
import { AuthCard, authLinkClass } from "../_components/auth/auth-card";
import { type SearchParams } from "../_components/auth/auth-page-params";
import { safeCallbackPath, withCallback } from "../_components/auth/safe-callback";
import { SignUpForm } from "../_components/auth/sign-up-form";
import { pageMetadata } from "../_components/site/page-metadata";

export const metadata = pageMetadata({
  title: "Create an account",
  description: `A free Frame Picker account: videos up to ${formatDuration(TIERS.free.maxDurationSec)}, results kept for ${formatRetention(TIERS.free)}, and anything made as a guest comes with you.`,
});

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackPath);

  const free = TIERS.free;
  return (
    <AuthCard
      title="Create your account"
      subtitle={`Free: ${free.videosPerPeriod} videos a month, results kept for ${formatRetention(free)}. Anything you made as a guest comes with you.`}
      footer={
        <>
          Already have an account?{" "}
          <Link href={withCallback("/sign-in", callbackPath)} className={authLinkClass}>
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm callbackPath={callbackPath} oauthProviders={configuredOAuthProviders(webEnv())} />
    </AuthCard>
  );
}
