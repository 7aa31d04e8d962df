"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { errorMessageOf, retryUnlessFinal } from "../api/api-errors";
import { buttonClass } from "../ui/button-styles";
import { formatDay, formatMoney } from "./billing-format";

const STATUS_LABEL: Record<string, string> = {
  paid: "Paid",
  open: "Unpaid",
  void: "Void",
  uncollectible: "Uncollectible",
};

/** The viewer's Stripe invoices, newest first, with a link to each hosted invoice. */
export function PaymentHistory() {
  const trpc = useTRPC();
  const payments = useQuery(trpc.billing.payments.queryOptions(undefined, { retry: retryUnlessFinal, refetchOnMount: "always" }));

  let body;
  if (payments.isPending) {
    body = <div role="status" aria-busy="true" aria-label="Loading payments" className="h-16 animate-pulse rounded-lg bg-zinc-100 motion-reduce:animate-none" />;
  } else if (payments.isError) {
    body = (
      <div role="alert" className="space-y-3 text-sm text-red-800">
        <p>Could not load your payments: {errorMessageOf(payments.error)}</p>
        <button type="button" className={buttonClass("secondary")} onClick={() => void payments.refetch()}>
          Try again
        </button>
      </div>
    );
  } else if (payments.data.length === 0) {
    body = <p className="text-sm text-zinc-600">No payments yet.</p>;
  } else {
    body = (
      <div className="overflow-x-auto">
        <table className="w-full min-w-[28rem] text-left text-sm">
          <caption className="sr-only">Your payments</caption>
          <thead>
            <tr className="border-b border-zinc-200 text-zinc-500">
              <th scope="col" className="py-2 pr-4 font-medium">Date</th>
              <th scope="col" className="py-2 pr-4 font-medium">Amount</th>
              <th scope="col" className="py-2 pr-4 font-medium">Status</th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Invoice</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {payments.data.map((p) => {
              const date = formatDay(p.paidAt ?? p.createdAt);
              return (
                <tr key={p.id} className="border-b border-zinc-100 last:border-0">
                  <td className="py-2.5 pr-4 text-zinc-800">{date}</td>
                  <td className="py-2.5 pr-4 text-zinc-800 tabular-nums">
                    {formatMoney(p.status === "paid" ? p.amountPaid : p.amountDue, p.currency)}
                  </td>
                  <td className={`py-2.5 pr-4 ${p.status === "open" ? "font-medium text-amber-800" : "text-zinc-700"}`}>
                    {STATUS_LABEL[p.status] ?? p.status}
                  </td>
                  <td className="py-2.5 text-right">
                    {p.invoiceUrl && (
                      <a
                        href={p.invoiceUrl}
                        target="_blank"
                        rel="noreferrer"
                        className="font-medium text-indigo-700 hover:underline"
                        aria-label={`Invoice of ${date}`}
                      >
                        Invoice
                      </a>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section aria-labelledby="payments-heading" className="rounded-2xl border border-zinc-200 bg-white p-6">
      <h2 id="payments-heading" className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase">
        Payment history
      </h2>
      {body}
    </section>
  );
}
