import { PaymentHistory } from "~/app/_components/billing/payment-history";
import { SubscriptionPanel } from "~/app/_components/billing/subscription-panel";
import { requireUser } from "~/server/auth/require-user";
import { pageMetadata } from "../_components/site/page-metadata";

export const metadata = pageMetadata({
  title: "Billing",
  description: "Your Frame Picker plan, its renewal or end date, and your payments.",
});

/** The plan and its payments on their own page (the dashboard shows the same panels). */
export default async function BillingPage() {
  await requireUser("/billing");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Billing</h1>
        <p className="mt-1 text-sm text-zinc-600">Your plan, its renewal and your payments.</p>
      </div>
      <SubscriptionPanel />
      <PaymentHistory />
    </div>
  );
}
