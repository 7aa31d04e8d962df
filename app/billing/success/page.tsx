import Link from "next/link";
import { buttonClass } from "~/app/_components/ui/button-styles";
import { requireUser } from "~/server/auth/require-user";
import { CheckoutConfirmation } from "./_components/checkout-confirmation";
import { pageMetadata } from "../../_components/site/page-metadata";

export const metadata = pageMetadata({
  title: "Welcome to Pro",
  description: "Your Frame Picker Pro subscription is active.",
});

export default async function CheckoutSuccessPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { session_id: raw } = await searchParams;
  const sessionId = typeof raw === "string" ? raw : null;
  await requireUser(sessionId ? `/billing/success?session_id=${encodeURIComponent(sessionId)}` : "/billing/success");
  return (
    <div className="mx-auto max-w-xl">
      {sessionId ? (
        <CheckoutConfirmation sessionId={sessionId} />
      ) : (
        <div className="space-y-4 rounded-2xl border border-zinc-200 bg-white p-8">
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">No checkout to confirm</h1>
          <p className="text-sm text-zinc-700">This page is where Stripe sends you back after paying.</p>
          <Link href="/upgrade" className={buttonClass("primary")}>
            See the plans
          </Link>
        </div>
      )}
    </div>
  );
}
