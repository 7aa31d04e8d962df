/**
 * The subset of Stripe's API objects the fake serves, with the real field names and shapes of
 * the pinned API version (2026-10-28.endive): the billing period is on subscription items, an
 * invoice's subscription is under parent.subscription_details. Fields the app does not read are
 * left out; stripe-node does not need them.
 */
import { randomBytes } from "node:crypto";

export type Interval = "month" | "year";

export interface FakePrice {
  id: string;
  object: "price";
  active: boolean;
  currency: string;
  unit_amount: number;
  unit_amount_decimal: string;
  recurring: { interval: Interval; interval_count: number; usage_type: "licensed" };
  type: "recurring";
  product: string;
  livemode: false;
}

export interface FakeList<T> {
  object: "list";
  data: T[];
  has_more: boolean;
  url: string;
}

export interface FakeCustomer {
  id: string;
  object: "customer";
  email: string | null;
  metadata: Record<string, string>;
  created: number;
  livemode: false;
}

export interface FakeSubscriptionItem {
  id: string;
  object: "subscription_item";
  subscription: string;
  price: FakePrice;
  quantity: number;
  current_period_start: number;
  current_period_end: number;
  created: number;
  metadata: Record<string, string>;
}

export interface FakeSubscription {
  id: string;
  object: "subscription";
  customer: string;
  status: "incomplete" | "active" | "past_due" | "canceled" | "unpaid";
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  created: number;
  start_date: number;
  currency: string;
  collection_method: "charge_automatically";
  items: FakeList<FakeSubscriptionItem>;
  latest_invoice: string | null;
  metadata: Record<string, string>;
  livemode: false;
}

export interface FakeInvoice {
  id: string;
  object: "invoice";
  customer: string;
  status: "draft" | "open" | "paid" | "void" | "uncollectible";
  billing_reason: "subscription_create" | "subscription_cycle";
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  attempt_count: number;
  attempted: boolean;
  currency: string;
  created: number;
  period_start: number;
  period_end: number;
  hosted_invoice_url: string;
  parent: {
    type: "subscription_details";
    quote_details: null;
    subscription_details: { subscription: string; metadata: Record<string, string> };
  };
  status_transitions: {
    finalized_at: number | null;
    paid_at: number | null;
    voided_at: number | null;
    marked_uncollectible_at: number | null;
  };
  lines: FakeList<{
    id: string;
    object: "line_item";
    amount: number;
    currency: string;
    description: string;
    period: { start: number; end: number };
    subscription: string;
  }>;
  livemode: false;
}

export interface FakeCheckoutSession {
  id: string;
  object: "checkout.session";
  mode: "subscription";
  customer: string;
  client_reference_id: string | null;
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  success_url: string;
  cancel_url: string | null;
  url: string | null;
  subscription: string | null;
  invoice: string | null;
  currency: string;
  amount_total: number;
  created: number;
  expires_at: number;
  metadata: Record<string, string>;
  livemode: false;
}

export interface FakePortalSession {
  id: string;
  object: "billing_portal.session";
  customer: string;
  return_url: string | null;
  url: string;
  created: number;
  configuration: string;
  flow: null;
  locale: null;
  on_behalf_of: null;
  livemode: false;
}

export interface FakeEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  type: string;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
}

/** Stripe-looking ids: a prefix and 24 random characters. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(18).toString("base64url").replace(/[-_]/g, "x").slice(0, 24)}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The end of a period that starts at `start`: one calendar month or year later (UTC). */
export function addInterval(start: number, interval: Interval): number {
  const d = new Date(start * 1000);
  if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return Math.floor(d.getTime() / 1000);
}

export function list<T>(data: T[], url: string): FakeList<T> {
  return { object: "list", data, has_more: false, url };
}

/** Snapshots for events: an event carries the object as it was when the event happened. */
export function snapshot<T>(value: T): T {
  return structuredClone(value);
}
