import Link from "next/link";
import { formatRetention, TIERS } from "~/core/tiers";
import { READ_URL_TTL_SEC } from "~/server/services/presign";
import { pageMetadata } from "../_components/site/page-metadata";

export const metadata = pageMetadata({
  title: "Privacy",
  description: "What Frame Picker keeps about you and your videos, who can see it, and for how long.",
});

/** What the code does with people's data, in plain words; every figure comes from the tier table. */
export default function PrivacyPage() {
  const kept = [TIERS.anonymous, TIERS.free, TIERS.pro].map((tier) => `${tier.label} ${formatRetention(tier)}`).join(", ");
  return (
    <article className="mx-auto max-w-3xl space-y-6 text-zinc-700">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Privacy</h1>
        <p className="mt-1 text-sm text-zinc-600">What we keep about you and your videos, who can see it, and for how long.</p>
      </div>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold text-zinc-900">Your videos and frames</h2>
        <p>
          A video you upload goes straight from your browser to our storage, is read by our worker to pick its frames, and is seen by no person. Only you can
          open your videos and frames: every link to them is signed for you and expires after {READ_URL_TTL_SEC / 60} minutes. If you share a job&apos;s
          frames, whoever has that share link can see and download those frames, and nothing else, until it ends or you turn it off.
        </p>
        <p>
          Videos and their frames are deleted automatically when their plan&apos;s time is up ({kept}), counted from when they were made; the dates are
          shown beside them. You can delete a video, with its jobs and frames, at any time from{" "}
          <Link href="/videos" className="font-medium text-indigo-700 underline">
            My videos
          </Link>
          .
        </p>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold text-zinc-900">Your account</h2>
        <p>
          With an account we keep your email address and a one-way hash of your password (never the password itself), or, if you sign in with GitHub or
          Google, the account id they give us. Without one, a cookie with a random id counts a guest&apos;s videos; it says nothing about who you are.
        </p>
        <p>
          Pro is paid through Stripe, which keeps your card details: we never see them, and keep only Stripe&apos;s customer and subscription ids to know
          your plan.
        </p>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold text-zinc-900">Where it runs</h2>
        <p>
          Frame Picker runs on Amazon Web Services: your videos, frames and account live in its storage and database, encrypted at rest and sent only over
          encrypted connections. Nothing is sold or shared for advertising, and there are no third-party trackers on these pages.
        </p>
      </section>
    </article>
  );
}
