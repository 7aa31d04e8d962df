import Link from "next/link";
import { webEnv } from "~/core/env";
import { PRO_PRICES } from "~/core/pro-prices";
import { supportEmail } from "~/core/support-email";
import { formatRetention, TIERS } from "~/core/tiers";
import { pageMetadata } from "../_components/site/page-metadata";

export const metadata = pageMetadata({
  title: "Terms",
  description: "The terms of using Frame Picker: your videos stay yours, what you may upload, what each plan includes and how Pro is billed and cancelled.",
});

const linkClass = "font-medium text-indigo-700 underline";

/** The rules of the service in plain words; every limit, price and time comes from the code that enforces it. */
export default function TermsPage() {
  const kept = [TIERS.anonymous, TIERS.free, TIERS.pro].map((tier) => `${tier.label} ${formatRetention(tier)}`).join(", ");
  const email = supportEmail(webEnv());
  return (
    <article className="mx-auto max-w-3xl space-y-6 text-zinc-700">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Terms</h1>
        <p className="mt-1 text-sm text-zinc-600">What you can expect from Frame Picker, and what we expect from you.</p>
      </div>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold text-zinc-900">Your videos stay yours</h2>
        <p>
          You keep every right to the videos you upload and the frames we pick from them. You let us store and read them only to pick, render and deliver
          your frames, and only for as long as your plan keeps them ({kept}). The{" "}
          <Link href="/privacy" className={linkClass}>
            privacy page
          </Link>{" "}
          says who can see them.
        </p>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold text-zinc-900">What you may upload</h2>
        <p>
          Upload only videos you have the right to use, and nothing unlawful. Do not try to get around a plan&apos;s limits (several accounts or guest
          sessions for one person, or automated uploads), to reach anyone else&apos;s videos, or to slow the service down for others. We may remove
          content or close an account that breaks these rules.
        </p>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold text-zinc-900">Plans</h2>
        <p>
          Guests and Free accounts pay nothing. Pro costs {PRO_PRICES.month.label} a month or {PRO_PRICES.year.label} a year. What each plan includes
          (videos, length, size, frames, resolution, watermark, how long results are kept) is in the{" "}
          <Link href="/#plans" className={linkClass}>
            plans table
          </Link>
          ; those limits are the ones the service enforces.
        </p>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold text-zinc-900">Paying for Pro</h2>
        <p>
          Pro is paid in advance through Stripe and renews each month or year until you cancel. You can cancel at any time from{" "}
          <Link href="/billing" className={linkClass}>
            Billing
          </Link>
          : you keep Pro until the end of the period you paid for, and nothing more is charged. Periods already started are not refunded.
        </p>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold text-zinc-900">The service</h2>
        <p>
          We work to keep Frame Picker available and its picks good, but it is provided as it is: a pick can miss the moment you wanted, and a video can
          fail to process. Keep your own copy of every video; we delete ours when its time is up. We may change these terms; the date a change takes
          effect will be shown here before it does.
        </p>
        <p>
          Questions:{" "}
          <a href={`mailto:${email}`} className={linkClass}>
            {email}
          </a>
          .
        </p>
      </section>
    </article>
  );
}
