/**
 * The fake's in-memory Stripe account: what the API endpoints read and write, plus the state
 * changes a test (or the fake Checkout page) triggers — a payment, a failed renewal, a scheduled
 * cancellation, the end of a subscription — each returning the events Stripe would send.
 */
import {
  addInterval,
  list,
  newId,
  nowSeconds,
  snapshot,
  type FakeCheckoutSession,
  type FakeCustomer,
  type FakeEvent,
  type FakeInvoice,
  type FakePortalSession,
  type FakePrice,
  type FakeSubscription,
  type Interval,
} from "./objects";

/** Answered as Stripe answers errors: `{ error: { type, code, message, param } }` with this status. */
export class FakeStripeError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

export interface PriceSpec {
  id: string;
  interval: Interval;
  unitAmount: number;
  currency?: string;
}

const API_VERSION = "2026-10-28.endive";

export class FakeStripeStore {
  readonly customers = new Map<string, FakeCustomer>();
  readonly prices = new Map<string, FakePrice>();
  readonly checkoutSessions = new Map<string, FakeCheckoutSession>();
  readonly portalSessions = new Map<string, FakePortalSession>();
  readonly subscriptions = new Map<string, FakeSubscription>();
  readonly invoices = new Map<string, FakeInvoice>();
  /** Every event, oldest first. */
  readonly events: FakeEvent[] = [];
  private readonly sessionPrice = new Map<string, string>();
  private readonly listeners: Array<(events: FakeEvent[]) => void> = [];

  constructor(
    /** Where the fake answers, for the URLs it hands out (Checkout, Portal, hosted invoices). */
    private readonly baseUrl: () => string,
    prices: readonly PriceSpec[],
  ) {
    for (const p of prices) {
      this.prices.set(p.id, {
        id: p.id,
        object: "price",
        active: true,
        currency: p.currency ?? "usd",
        unit_amount: p.unitAmount,
        unit_amount_decimal: String(p.unitAmount),
        recurring: { interval: p.interval, interval_count: 1, usage_type: "licensed" },
        type: "recurring",
        product: "prod_FramePickerPro",
        livemode: false,
      });
    }
  }

  onEvents(listener: (events: FakeEvent[]) => void): void {
    this.listeners.push(listener);
  }

  // ------------------------------------------------------------------ API operations

  createCustomer(params: { email?: string; metadata: Record<string, string> }): FakeCustomer {
    const customer: FakeCustomer = {
      id: newId("cus"),
      object: "customer",
      email: params.email ?? null,
      metadata: params.metadata,
      created: nowSeconds(),
      livemode: false,
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  createCheckoutSession(params: {
    mode?: string;
    customer?: string;
    clientReferenceId?: string;
    price?: string;
    quantity?: string;
    successUrl?: string;
    cancelUrl?: string;
  }): FakeCheckoutSession {
    if (params.mode !== "subscription") throw new FakeStripeError(400, "The fake only does mode=subscription.", "parameter_invalid", "mode");
    if (!params.successUrl) throw new FakeStripeError(400, "Missing required param: success_url.", "parameter_missing", "success_url");
    if (!params.customer || !this.customers.has(params.customer)) {
      throw new FakeStripeError(400, `No such customer: '${params.customer ?? ""}'`, "resource_missing", "customer");
    }
    const price = params.price ? this.prices.get(params.price) : undefined;
    if (!price) throw new FakeStripeError(400, `No such price: '${params.price ?? ""}'`, "resource_missing", "line_items[0][price]");
    const id = newId("cs_test");
    const created = nowSeconds();
    const session: FakeCheckoutSession = {
      id,
      object: "checkout.session",
      mode: "subscription",
      customer: params.customer,
      client_reference_id: params.clientReferenceId ?? null,
      status: "open",
      payment_status: "unpaid",
      success_url: params.successUrl,
      cancel_url: params.cancelUrl ?? null,
      url: `${this.baseUrl()}/checkout/${id}`,
      subscription: null,
      invoice: null,
      currency: price.currency,
      amount_total: price.unit_amount * Number(params.quantity ?? 1),
      created,
      expires_at: created + 24 * 3600,
      metadata: {},
      livemode: false,
    };
    this.checkoutSessions.set(id, session);
    this.sessionPrice.set(id, price.id);
    return session;
  }

  createPortalSession(params: { customer?: string; returnUrl?: string }): FakePortalSession {
    if (!params.customer || !this.customers.has(params.customer)) {
      throw new FakeStripeError(400, `No such customer: '${params.customer ?? ""}'`, "resource_missing", "customer");
    }
    const id = newId("bps");
    const session: FakePortalSession = {
      id,
      object: "billing_portal.session",
      customer: params.customer,
      return_url: params.returnUrl ?? null,
      url: `${this.baseUrl()}/portal/${id}`,
      created: nowSeconds(),
      configuration: "bpc_fake",
      flow: null,
      locale: null,
      on_behalf_of: null,
      livemode: false,
    };
    this.portalSessions.set(id, session);
    return session;
  }

  updateSubscription(id: string, params: { cancelAtPeriodEnd?: boolean; cancelAt?: number | null }): FakeSubscription {
    const sub = this.subscription(id);
    if (sub.status === "canceled") {
      throw new FakeStripeError(400, "A canceled subscription can only update its cancellation_details and metadata.");
    }
    if (params.cancelAtPeriodEnd !== undefined && params.cancelAt !== undefined) {
      throw new FakeStripeError(400, "You may only specify one of these parameters: cancel_at, cancel_at_period_end.");
    }
    const previous = { cancel_at_period_end: sub.cancel_at_period_end, cancel_at: sub.cancel_at, canceled_at: sub.canceled_at };
    if (params.cancelAtPeriodEnd !== undefined) {
      sub.cancel_at_period_end = params.cancelAtPeriodEnd;
      sub.cancel_at = params.cancelAtPeriodEnd ? this.periodEnd(sub) : null;
      sub.canceled_at = params.cancelAtPeriodEnd ? nowSeconds() : null;
    }
    if (params.cancelAt !== undefined) {
      sub.cancel_at_period_end = false;
      sub.cancel_at = params.cancelAt;
      sub.canceled_at = params.cancelAt === null ? null : nowSeconds();
    }
    this.publish([this.event("customer.subscription.updated", sub, previous)]);
    return sub;
  }

  // ------------------------------------------------------------------ lookups (404 like Stripe)

  checkoutSession(id: string): FakeCheckoutSession {
    return this.found(this.checkoutSessions.get(id), "checkout.session", id);
  }

  priceOfSession(sessionId: string): FakePrice | undefined {
    return this.prices.get(this.sessionPrice.get(sessionId) ?? "");
  }

  subscription(id: string): FakeSubscription {
    return this.found(this.subscriptions.get(id), "subscription", id);
  }

  invoice(id: string): FakeInvoice {
    return this.found(this.invoices.get(id), "invoice", id);
  }

  subscriptionsOf(customerId: string, status: string | undefined): FakeSubscription[] {
    const all = [...this.subscriptions.values()].filter((s) => s.customer === customerId);
    if (status === "all") return all.reverse();
    if (status) return all.filter((s) => s.status === status).reverse();
    // Stripe's default list leaves canceled subscriptions out.
    return all.filter((s) => s.status !== "canceled").reverse();
  }

  invoicesOf(customerId: string): FakeInvoice[] {
    return [...this.invoices.values()].filter((i) => i.customer === customerId).reverse();
  }

  // ------------------------------------------------------------------ what happens at Stripe

  /** The payer pays on the Checkout page: an active subscription, a paid first invoice. */
  completeCheckout(sessionId: string): FakeEvent[] {
    const session = this.checkoutSession(sessionId);
    if (session.status !== "open") throw new FakeStripeError(400, `Checkout session ${sessionId} is ${session.status}.`);
    const price = this.found(this.priceOfSession(sessionId), "price", "");
    const start = nowSeconds();
    const subId = newId("sub");
    const sub: FakeSubscription = {
      id: subId,
      object: "subscription",
      customer: session.customer,
      status: "active",
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      created: start,
      start_date: start,
      currency: price.currency,
      collection_method: "charge_automatically",
      items: list(
        [
          {
            id: newId("si"),
            object: "subscription_item",
            subscription: subId,
            price,
            quantity: 1,
            current_period_start: start,
            current_period_end: addInterval(start, price.recurring.interval),
            created: start,
            metadata: {},
          },
        ],
        `/v1/subscription_items?subscription=${subId}`,
      ),
      latest_invoice: null,
      metadata: session.client_reference_id ? { userId: session.client_reference_id } : {},
      livemode: false,
    };
    const invoice = this.newInvoice(sub, "subscription_create", "paid");
    sub.latest_invoice = invoice.id;
    this.subscriptions.set(sub.id, sub);
    session.status = "complete";
    session.payment_status = "paid";
    session.subscription = sub.id;
    session.invoice = invoice.id;
    return this.publish([
      this.event("customer.subscription.created", sub),
      this.event("invoice.paid", invoice),
      this.event("invoice.payment_succeeded", invoice),
      this.event("checkout.session.completed", session),
    ]);
  }

  /** The renewal charge is declined: an open invoice, the subscription past_due while Stripe retries. */
  failRenewal(subId: string): FakeEvent[] {
    const sub = this.subscription(subId);
    const item = this.item(sub);
    const start = item.current_period_end;
    item.current_period_start = start;
    item.current_period_end = addInterval(start, item.price.recurring.interval);
    const invoice = this.newInvoice(sub, "subscription_cycle", "open");
    sub.latest_invoice = invoice.id;
    const previous = { status: sub.status };
    sub.status = "past_due";
    return this.publish([
      this.event("invoice.payment_failed", invoice),
      this.event("customer.subscription.updated", sub, previous),
    ]);
  }

  /** What the Portal's "Cancel plan" does: cancel at the end of the paid period. */
  scheduleCancel(subId: string): FakeEvent[] {
    const before = this.events.length;
    this.updateSubscription(subId, { cancelAtPeriodEnd: true });
    return this.events.slice(before);
  }

  /** The subscription ends (its period ran out after a cancellation, or retries were exhausted). */
  endSubscription(subId: string): FakeEvent[] {
    const sub = this.subscription(subId);
    const previous = { status: sub.status };
    sub.status = "canceled";
    sub.ended_at = nowSeconds();
    sub.canceled_at ??= sub.ended_at;
    return this.publish([this.event("customer.subscription.deleted", sub, previous)]);
  }

  // ------------------------------------------------------------------ internals

  private item(sub: FakeSubscription) {
    const item = sub.items.data[0];
    if (!item) throw new Error(`subscription ${sub.id} has no items`);
    return item;
  }

  private periodEnd(sub: FakeSubscription): number {
    return this.item(sub).current_period_end;
  }

  private newInvoice(sub: FakeSubscription, reason: FakeInvoice["billing_reason"], status: "paid" | "open"): FakeInvoice {
    const item = this.item(sub);
    const created = nowSeconds();
    const id = newId("in");
    const amount = item.price.unit_amount * item.quantity;
    const invoice: FakeInvoice = {
      id,
      object: "invoice",
      customer: sub.customer,
      status,
      billing_reason: reason,
      amount_due: amount,
      amount_paid: status === "paid" ? amount : 0,
      amount_remaining: status === "paid" ? 0 : amount,
      attempt_count: 1,
      attempted: true,
      currency: item.price.currency,
      created,
      period_start: created,
      period_end: created,
      hosted_invoice_url: `${this.baseUrl()}/invoices/${id}`,
      parent: {
        type: "subscription_details",
        quote_details: null,
        subscription_details: { subscription: sub.id, metadata: sub.metadata },
      },
      status_transitions: {
        finalized_at: created,
        paid_at: status === "paid" ? created : null,
        voided_at: null,
        marked_uncollectible_at: null,
      },
      lines: list(
        [
          {
            id: newId("il"),
            object: "line_item",
            amount,
            currency: item.price.currency,
            description: `1 × Frame Picker Pro (per ${item.price.recurring.interval})`,
            period: { start: item.current_period_start, end: item.current_period_end },
            subscription: sub.id,
          },
        ],
        `/v1/invoices/${id}/lines`,
      ),
      livemode: false,
    };
    this.invoices.set(id, invoice);
    return invoice;
  }

  private event(type: string, object: unknown, previous?: Record<string, unknown>): FakeEvent {
    return {
      id: newId("evt"),
      object: "event",
      api_version: API_VERSION,
      created: nowSeconds(),
      type,
      data: { object: snapshot(object), ...(previous && { previous_attributes: previous }) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    };
  }

  private publish(events: FakeEvent[]): FakeEvent[] {
    this.events.push(...events);
    for (const listener of this.listeners) listener(events);
    return events;
  }

  private found<T>(value: T | undefined, kind: string, id: string): T {
    if (value === undefined) throw new FakeStripeError(404, `No such ${kind}: '${id}'`, "resource_missing", "id");
    return value;
  }
}
