/**
 * The fake's browser pages, standing in for Stripe-hosted Checkout, Customer Portal and hosted
 * invoices: just enough for a browser test to pay, cancel or come back.
 */
import type { FakeCheckoutSession, FakeInvoice, FakePortalSession, FakePrice, FakeSubscription } from "./objects";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const money = (cents: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
button{font:inherit;padding:.5rem 1.25rem;border-radius:.5rem;border:0;background:#635bff;color:#fff;cursor:pointer}
.note{color:#6b7280;font-size:.875rem}</style></head><body>
<p class="note">Test mode · fake Stripe (no real payment is taken)</p>${body}</body></html>`;
}

export function checkoutPage(session: FakeCheckoutSession, price: FakePrice | undefined): string {
  const what = price ? `${money(price.unit_amount, price.currency)} per ${price.recurring.interval}` : "";
  if (session.status !== "open") {
    return page("Checkout", `<h1>This checkout is ${escapeHtml(session.status)}</h1>`);
  }
  const back = session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">← Back</a></p>` : "";
  return page(
    "Checkout",
    `<h1>Subscribe to Frame Picker Pro</h1><p>${escapeHtml(what)}</p>
<form method="post" action="/checkout/${escapeHtml(session.id)}/pay"><button type="submit">Pay</button></form>${back}`,
  );
}

export function portalPage(session: FakePortalSession, subs: readonly FakeSubscription[]): string {
  const active = subs.find((s) => s.status !== "canceled");
  const cancel =
    active && !active.cancel_at_period_end
      ? `<form method="post" action="/portal/${escapeHtml(session.id)}/cancel"><button type="submit">Cancel plan</button></form>`
      : "";
  const back = session.return_url ? `<p><a href="${escapeHtml(session.return_url)}">Return to Frame Picker</a></p>` : "";
  return page("Billing portal", `<h1>Manage your subscription</h1>${cancel}${back}`);
}

export function invoicePage(invoice: FakeInvoice): string {
  return page(
    "Invoice",
    `<h1>Invoice ${escapeHtml(invoice.id)}</h1><p>${money(invoice.amount_due, invoice.currency)} · ${escapeHtml(invoice.status)}</p>`,
  );
}
