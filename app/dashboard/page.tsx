import Link from "next/link";
import { buttonClass } from "~/app/_components/ui/button-styles";
import { PaymentHistory } from "~/app/_components/billing/payment-history";
import { SubscriptionPanel } from "~/app/_components/billing/subscription-panel";
import { VideoLibrary } from "~/app/_components/library/video-library";
import { requireUser } from "~/server/auth/require-user";
import { UsageAndLimits } from "./_components/plan-features";
import { pageMetadata } from "../_components/site/page-metadata";

export const metadata = pageMetadata({
  title: "Dashboard",
  description: "Your Frame Picker usage this period, your plan and payments, and every video with its jobs.",
});

/** An account's home: usage, plan and billing, payments, and every video with its jobs. */
export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  return (
    <div className="space-y-10">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Dashboard</h1>
          <p className="mt-1 text-sm text-zinc-600">
            Signed in as <span className="font-medium text-zinc-900">{user.email}</span>
          </p>
        </div>
        <Link href="/" className={buttonClass("primary")}>
          New video
        </Link>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <UsageAndLimits />
        <SubscriptionPanel />
      </div>
      <PaymentHistory />
      <section aria-labelledby="videos-heading" className="space-y-4">
        <h2 id="videos-heading" className="text-lg font-semibold text-zinc-900">
          Your videos
        </h2>
        <VideoLibrary />
      </section>
    </div>
  );
}
