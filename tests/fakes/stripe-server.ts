/**
 * A loopback fake of the Stripe API, for tests and e2e runs on a machine that cannot reach
 * Stripe. The app's real Stripe client (stripe-node) talks to it over HTTP (STRIPE_API_BASE),
 * so requests are form-encoded and answers have the real JSON shapes; it implements only the
 * endpoints the app calls, plus browser pages standing in for hosted Checkout and the Portal.
 * With `webhook`, it also delivers every event signed, as `stripe listen --forward-to` would.
 *
 * In a test: `const fake = await startFakeStripe()`; `fake.store` changes the account's state.
 * As a process (Playwright): `node --import tsx tests/fakes/stripe-server.ts --port 12111
 *   [--webhook-url http://localhost:3000/api/stripe/webhook --webhook-secret whsec_…]`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import Stripe from "stripe";
import { list, type FakeEvent } from "./stripe/objects";
import { checkoutPage, invoicePage, portalPage } from "./stripe/pages";
import { FakeStripeError, FakeStripeStore, type PriceSpec } from "./stripe/store";

export const FAKE_PRICES = { month: "price_fake_pro_monthly", year: "price_fake_pro_yearly" } as const;

export const DEFAULT_PRICES: PriceSpec[] = [
  { id: FAKE_PRICES.month, interval: "month", unitAmount: 299 },
  { id: FAKE_PRICES.year, interval: "year", unitAmount: 2999 },
];

export interface FakeStripeOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  prices?: readonly PriceSpec[];
  webhook?: { url: string; secret: string };
}

export interface ApiRequest {
  method: string;
  path: string;
  params: URLSearchParams;
}

export interface FakeStripe {
  /** e.g. http://127.0.0.1:41234 — give it to the app as STRIPE_API_BASE. */
  url: string;
  store: FakeStripeStore;
  /** Every API request received, oldest first. */
  requests: ApiRequest[];
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown };

const ok = (body: unknown): Answer => ({ status: 200, body });

function errorAnswer(error: FakeStripeError): Answer {
  return {
    status: error.status,
    body: { error: { type: "invalid_request_error", code: error.code, message: error.message, param: error.param } },
  };
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: http.ServerResponse, status: number, body: string, type: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": type, "request-id": `req_fake_${Date.now()}`, ...headers });
  res.end(body);
}

/** The API endpoints the app calls (method, path pattern) → handler. */
function answerApi(store: FakeStripeStore, method: string, path: string, p: URLSearchParams): Answer {
  const optional = (name: string) => p.get(name) ?? undefined;
  const route = `${method} ${path.replace(/\/(cus|cs_test|sub|in|bps)_[A-Za-z0-9]+$/, "/:id")}`;
  const id = path.slice(path.lastIndexOf("/") + 1);
  switch (route) {
    case "POST /v1/customers": {
      const metadata: Record<string, string> = {};
      for (const [key, value] of p) {
        const m = /^metadata\[(.+)\]$/.exec(key);
        if (m?.[1]) metadata[m[1]] = value;
      }
      return ok(store.createCustomer({ email: optional("email"), metadata }));
    }
    case "POST /v1/checkout/sessions":
      return ok(
        store.createCheckoutSession({
          mode: optional("mode"),
          customer: optional("customer"),
          clientReferenceId: optional("client_reference_id"),
          price: optional("line_items[0][price]"),
          quantity: optional("line_items[0][quantity]"),
          successUrl: optional("success_url"),
          cancelUrl: optional("cancel_url"),
        }),
      );
    case "GET /v1/checkout/sessions/:id":
      return ok(store.checkoutSession(id));
    case "GET /v1/subscriptions": {
      const customer = optional("customer");
      if (!customer) throw new FakeStripeError(400, "The fake lists subscriptions by customer only.", "parameter_missing", "customer");
      return ok(list(store.subscriptionsOf(customer, optional("status")), "/v1/subscriptions"));
    }
    case "GET /v1/subscriptions/:id":
      return ok(store.subscription(id));
    case "POST /v1/subscriptions/:id": {
      const flag = p.get("cancel_at_period_end");
      const at = p.get("cancel_at");
      return ok(
        store.updateSubscription(id, {
          ...(flag !== null && { cancelAtPeriodEnd: flag === "true" }),
          // An empty string clears the field, as in Stripe's API.
          ...(at !== null && { cancelAt: at === "" ? null : Number(at) }),
        }),
      );
    }
    case "POST /v1/billing_portal/sessions":
      return ok(store.createPortalSession({ customer: optional("customer"), returnUrl: optional("return_url") }));
    case "GET /v1/invoices/:id":
      return ok(store.invoice(id));
    case "GET /v1/invoices": {
      const customer = optional("customer");
      const limit = Number(optional("limit") ?? 10);
      const all = customer ? store.invoicesOf(customer) : [...store.invoices.values()].reverse();
      return ok({ ...list(all.slice(0, limit), "/v1/invoices"), has_more: all.length > limit });
    }
    default:
      throw new FakeStripeError(404, `Unrecognized request URL (${method}: ${path}). The fake implements only what the app calls.`);
  }
}

/** Hands every event to the webhook endpoint in order, signed with the endpoint's secret. */
function webhookForwarder(target: { url: string; secret: string }) {
  let chain = Promise.resolve();
  return (events: FakeEvent[]) => {
    for (const event of events) {
      chain = chain.then(async () => {
        const payload = JSON.stringify(event);
        const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: target.secret });
        try {
          const res = await fetch(target.url, {
            method: "POST",
            headers: { "content-type": "application/json", "stripe-signature": signature },
            body: payload,
          });
          if (!res.ok) console.error(`fake Stripe: webhook ${event.type} answered ${res.status}: ${await res.text()}`);
        } catch (error) {
          console.error(`fake Stripe: webhook ${event.type} could not be delivered:`, error);
        }
      });
    }
  };
}

export async function startFakeStripe(opts: FakeStripeOptions = {}): Promise<FakeStripe> {
  let baseUrl = "";
  const store = new FakeStripeStore(() => baseUrl, opts.prices ?? DEFAULT_PRICES);
  if (opts.webhook) store.onEvents(webhookForwarder(opts.webhook));
  const requests: ApiRequest[] = [];
  const idempotent = new Map<string, Answer>();

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const body = await readBody(req);
      const method = req.method ?? "GET";

      if (url.pathname.startsWith("/v1/")) {
        const params = method === "GET" ? url.searchParams : new URLSearchParams(body);
        requests.push({ method, path: url.pathname, params });
        const key = method === "POST" ? req.headers["idempotency-key"] : undefined;
        const replay = typeof key === "string" ? idempotent.get(key) : undefined;
        let answer: Answer;
        if (replay) {
          answer = replay;
        } else {
          try {
            if (!/^Bearer sk_test_\w+$/.test(req.headers.authorization ?? "")) {
              throw new FakeStripeError(401, "Invalid API Key provided.");
            }
            answer = answerApi(store, method, url.pathname, params);
          } catch (error) {
            if (!(error instanceof FakeStripeError)) throw error;
            answer = errorAnswer(error);
          }
          if (typeof key === "string" && answer.status < 500) idempotent.set(key, answer);
        }
        send(res, answer.status, JSON.stringify(answer.body), "application/json");
        return;
      }

      // Browser pages.
      const [, kind, id, action] = url.pathname.split("/");
      if (method === "GET" && url.pathname === "/health") return send(res, 200, "ok", "text/plain");
      if (kind === "checkout" && id) {
        const session = store.checkoutSessions.get(id);
        if (!session) return send(res, 404, "No such checkout session", "text/plain");
        if (method === "POST" && action === "pay") {
          if (session.status === "open") store.completeCheckout(id);
          const location = session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id);
          return send(res, 303, "", "text/plain", { location });
        }
        return send(res, 200, checkoutPage(session, store.priceOfSession(id)), "text/html; charset=utf-8");
      }
      if (kind === "portal" && id) {
        const session = store.portalSessions.get(id);
        if (!session) return send(res, 404, "No such portal session", "text/plain");
        const subs = store.subscriptionsOf(session.customer, undefined);
        if (method === "POST" && action === "cancel") {
          const active = subs.find((s) => !s.cancel_at_period_end);
          if (active) store.scheduleCancel(active.id);
          return send(res, 303, "", "text/plain", { location: `/portal/${id}` });
        }
        return send(res, 200, portalPage(session, subs), "text/html; charset=utf-8");
      }
      if (kind === "invoices" && id) {
        const invoice = store.invoices.get(id);
        if (!invoice) return send(res, 404, "No such invoice", "text/plain");
        return send(res, 200, invoicePage(invoice), "text/html; charset=utf-8");
      }
      send(res, 404, "Not found", "text/plain");
    })().catch((error: unknown) => {
      console.error("fake Stripe failed:", error);
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: { type: "api_error", message: String(error) } }), "application/json");
    });
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    store,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "12111" },
      "webhook-url": { type: "string" },
      "webhook-secret": { type: "string" },
    },
  });
  const webhookUrl = values["webhook-url"];
  const webhookSecret = values["webhook-secret"];
  const fake = await startFakeStripe({
    port: Number(values.port),
    ...(webhookUrl && webhookSecret && { webhook: { url: webhookUrl, secret: webhookSecret } }),
  });
  console.log(`fake Stripe listening on ${fake.url} (prices ${FAKE_PRICES.month}, ${FAKE_PRICES.year})`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
