"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, type ReactNode } from "react";
import { formatDay } from "~/app/_components/billing/billing-format";
import { errorCodeOf, errorMessageOf } from "~/app/_components/api/api-errors";
import { buttonClass } from "~/app/_components/ui/button-styles";
import { useTRPC } from "~/trpc/react";

/**
 * Back from Stripe Checkout: asks the server to sync this checkout from Stripe (it does not wait
 * for the webhook), then says what the user now has.
 */
export function CheckoutConfirmation({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const confirm = useMutation(
    trpc.billing.confirmCheckout.mutationOptions({
      // The tier shows everywhere (limits, usage, header): refresh it all.
      onSuccess: () => queryClient.invalidateQueries(),
    }),
  );
  const { mutate } = confirm;
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate({ sessionId });
  }, [mutate, sessionId]);

  if (confirm.isError) {
    const notFound = errorCodeOf(confirm.error) === "NOT_FOUND";
    return (
      <Panel title={notFound ? "We could not find that checkout" : "We could not confirm your payment"}>
        <p role="alert">
          {notFound
            ? "This link does not belong to a checkout of yours. If you were charged, your dashboard will show Pro shortly."
            : errorMessageOf(confirm.error)}
        </p>
        <div className="flex flex-wrap gap-2">
          {!notFound && (
            <button type="button" className={buttonClass("primary")} onClick={() => mutate({ sessionId })}>
              Try again
            </button>
          )}
          <Link href="/dashboard" className={buttonClass("secondary")}>
            Go to your dashboard
          </Link>
        </div>
      </Panel>
    );
  }

  if (!confirm.isSuccess) {
    return (
      <div aria-busy="true" className="rounded-2xl border border-zinc-200 bg-white p-8 text-center text-zinc-700">
        Confirming your payment with Stripe…
      </div>
    );
  }

  const { plan } = confirm.data;
  if (plan.tier !== "pro") {
    return (
      <Panel title="We have not received your payment yet">
        <p>If you have just paid, it can take a moment to come through.</p>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={buttonClass("primary")} disabled={confirm.isPending} onClick={() => mutate({ sessionId })}>
            Check again
          </button>
          <Link href="/upgrade" className={buttonClass("secondary")}>
            Back to the plans
          </Link>
        </div>
      </Panel>
    );
  }

  const date = plan.currentPeriodEnd ? formatDay(plan.currentPeriodEnd) : null;
  return (
    <Panel title={"You're on Pro"}>
      <p>
        {date
          ? plan.cancelAtPeriodEnd
            ? `Pro until ${date}.`
            : `Your subscription renews on ${date}.`
          : "Your subscription is active."}{" "}
        Every Pro limit applies from now on.
      </p>
      <div className="flex flex-wrap gap-2">
        <Link href="/dashboard" className={buttonClass("primary")}>
          Go to your dashboard
        </Link>
        <Link href="/" className={buttonClass("secondary")}>
          Pick frames from a video
        </Link>
      </div>
    </Panel>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-4 rounded-2xl border border-zinc-200 bg-white p-8">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{title}</h1>
      <div className="space-y-4 text-sm text-zinc-700">{children}</div>
    </div>
  );
}
