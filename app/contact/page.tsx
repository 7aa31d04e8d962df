import Link from "next/link";
import { webEnv } from "~/core/env";
import { supportEmail } from "~/core/support-email";
import { pageMetadata } from "../_components/site/page-metadata";

export const metadata = pageMetadata({
  title: "Contact",
  description: "How to reach the people behind Frame Picker about a video, a pick, your account or a payment.",
});

const linkClass = "font-medium text-indigo-700 underline";

/** One address, and what to put in the message so it can be answered at once. */
export default function ContactPage() {
  const email = supportEmail(webEnv());
  return (
    <article className="mx-auto max-w-3xl space-y-6 text-zinc-700">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Contact</h1>
        <p className="mt-1 text-sm text-zinc-600">A person reads every message, usually within two working days.</p>
      </div>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold text-zinc-900">Write to us</h2>
        <p>
          <a href={`mailto:${email}`} className={`${linkClass} text-lg`}>
            {email}
          </a>
        </p>
        <p>
          About a video or a pick, include the link of its results page (it ends in <code className="rounded bg-zinc-100 px-1">?job=</code> and an id)
          and, if a frame looks wrong, the time shown under it. Write from your account&apos;s email address for anything about your account.
        </p>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold text-zinc-900">Often faster</h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            Payments, invoices and cancelling Pro:{" "}
            <Link href="/billing" className={linkClass}>
              Billing
            </Link>
            .
          </li>
          <li>
            Deleting a video and its frames:{" "}
            <Link href="/videos" className={linkClass}>
              My videos
            </Link>
            .
          </li>
          <li>
            What we keep and for how long:{" "}
            <Link href="/privacy" className={linkClass}>
              Privacy
            </Link>
            ; the rules of the service:{" "}
            <Link href="/terms" className={linkClass}>
              Terms
            </Link>
            .
          </li>
        </ul>
      </section>
    </article>
  );
}
