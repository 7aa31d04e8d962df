import Link from "next/link";
import { buttonClass } from "../../_components/ui/button-styles";
import { AuthCard } from "../../_components/auth/auth-card";
import { authErrorMessage } from "../../_components/auth/auth-error-messages";
import { firstParam, type SearchParams } from "../../_components/auth/auth-page-params";
import { pageMetadata } from "../../_components/site/page-metadata";

export const metadata = pageMetadata({
  title: "Sign-in problem",
  description: "Signing in to Frame Picker did not work; what happened and what to try next.",
});

/** Where Auth.js sends errors it cannot show on the sign-in form (?error=<code>). */
export default async function AuthErrorPage({ searchParams }: { searchParams: SearchParams }) {
  const { title, message } = authErrorMessage(firstParam((await searchParams).error));
  return (
    <AuthCard title={title}>
      <p className="text-sm text-zinc-700">{message}</p>
      <div className="mt-6 flex flex-wrap gap-3">
        <Link href="/sign-in" className={buttonClass("primary")}>
          Back to sign in
        </Link>
        <Link href="/" className={buttonClass("secondary")}>
          Home
        </Link>
      </div>
    </AuthCard>
  );
}
