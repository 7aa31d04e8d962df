/**
 * Stripe webhooks through the real route handler (app/api/stripe/webhook/route.ts), against real
 * PostgreSQL. Stripe's servers are faked at the HTTP boundary (tests/fakes/stripe-server.ts):
 * this machine cannot reach Stripe and there is no stripe-mock, so the app's real stripe-node
 * client talks to a loopback fake that keeps an in-memory account and answers in the pinned API
 * version's JSON shapes. Events are signed with stripe.webhooks.generateTestHeaderString, as
 * Stripe signs them.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "~/app/api/stripe/webhook/route";
import { tierForOwner } from "~/core/owner-tier";
import { closeDb } from "~/db/client";
import { payments, stripeEvents, subscriptions, users } from "~/db/schema";
import { handleWebhookRequest } from "~/server/billing/webhook-request";
import { startFakeStripe, type FakeStripe } from "../fakes/stripe-server";
import { billingFor, eventOf, fakeStripeEnv, webhookRequest } from "../fakes/stripe-test-kit";
import type { FakeEvent } from "../fakes/stripe/objects";
import { createTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
let fake: FakeStripe;
const savedEnv = { ...process.env };

beforeAll(async () => {
  fake = await startFakeStripe();
  // The route builds its services from the environment, as in production.
  Object.assign(process.env, fakeStripeEnv(fake));
  stack = await createTestStack("billing-webhooks", { billing: billingFor(fake) });
});
afterAll(async () => {
  await stack.close();
  await closeDb();
  await fake.close();
  process.env = savedEnv;
});

async function deliver(event: FakeEvent, secret?: string) {
  const res = await POST(webhookRequest(event, secret));
  const body = res.headers.get("content-type")?.includes("json") ? ((await res.json()) as { outcome: string }) : await res.text();
  return { status: res.status, body };
}

async function newUser(): Promise<string> {
  const id = crypto.randomUUID();
  await stack.services.db.insert(users).values({ id, email: `${id}@example.com`, isAnonymous: false });
  return id;
}

/** A user who went through the app's checkout and paid on Stripe's page (no webhook delivered yet). */
async function paidUser(interval: "month" | "year" = "month") {
  const id = await newUser();
  const { url } = await stack.caller(id).billing.checkout({ interval });
  const sessionId = new URL(url).pathname.split("/").pop() ?? "";
  const events = fake.store.completeCheckout(sessionId);
  const subId = fake.store.checkoutSession(sessionId).subscription ?? "";
  return { id, subId, events };
}

const eventRows = (id: string) => stack.services.db.select().from(stripeEvents).where(eq(stripeEvents.id, id));
const subRows = (userId: string) => stack.services.db.select().from(subscriptions).where(eq(subscriptions.userId, userId));
const paymentRows = (userId: string) => stack.services.db.select().from(payments).where(eq(payments.userId, userId));
const periodEndOf = (subId: string) => new Date((fake.store.subscription(subId).items.data[0]?.current_period_end ?? 0) * 1000);

describe("the Stripe webhook endpoint", () => {
  it("makes the user Pro on a valid checkout.session.completed", async () => {
    const user = await paidUser("year");
    expect((await tierForOwner(stack.services.db, user.id)).name).toBe("free");

    const completed = eventOf(user.events, "checkout.session.completed");
    const res = await deliver(completed);
    expect(res).toEqual({ status: 200, body: { received: true, outcome: "applied" } });

    expect((await tierForOwner(stack.services.db, user.id)).name).toBe("pro");
    const plan = await stack.caller(user.id).billing.plan();
    expect(plan).toMatchObject({ tier: "pro", state: "active", interval: "year", pastDue: false, cancelAtPeriodEnd: false });
    expect(plan.currentPeriodEnd).toEqual(periodEndOf(user.subId));
    expect(await eventRows(completed.id)).toHaveLength(1);
  });

  it("answers 400 to a forged or tampered event and changes nothing", async () => {
    const user = await paidUser();
    const completed = eventOf(user.events, "checkout.session.completed");

    const forged = await deliver(completed, "whsec_not_the_endpoint_secret");
    expect(forged).toEqual({ status: 400, body: "Invalid signature" });

    // A genuine signature over a different body.
    const genuine = webhookRequest(completed);
    const tampered = new Request(genuine.url, {
      method: "POST",
      headers: genuine.headers,
      body: JSON.stringify({ ...completed, type: "customer.subscription.created" }),
    });
    expect((await POST(tampered)).status).toBe(400);

    const unsigned = new Request(genuine.url, { method: "POST", body: JSON.stringify(completed) });
    expect((await POST(unsigned)).status).toBe(400);

    expect(await eventRows(completed.id)).toHaveLength(0);
    expect(await subRows(user.id)).toHaveLength(0);
    expect((await tierForOwner(stack.services.db, user.id)).name).toBe("free");
  });

  it("applies the same event delivered twice (one after the other, or at once) only once", async () => {
    const user = await paidUser();
    const paid = eventOf(user.events, "invoice.paid");
    expect((await deliver(paid)).body).toEqual({ received: true, outcome: "applied" });
    expect((await deliver(paid)).body).toEqual({ received: true, outcome: "duplicate" });
    expect(await eventRows(paid.id)).toHaveLength(1);

    const succeeded = eventOf(user.events, "invoice.payment_succeeded");
    const both = await Promise.all([deliver(succeeded), deliver(succeeded)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => (r.body as { outcome: string }).outcome).sort()).toEqual(["applied", "duplicate"]);
    expect(await eventRows(succeeded.id)).toHaveLength(1);

    // One invoice, one payment row, whatever arrived how often.
    const rows = await paymentRows(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "paid", amountPaid: 299, currency: "usd", subscriptionId: user.subId });
    expect(rows[0]?.hostedInvoiceUrl).toMatch(new RegExp(`^${fake.url}/invoices/in_`));
  });

  it("ends in Stripe's current state when subscription.updated arrives before checkout.session.completed", async () => {
    const user = await paidUser();
    const cancelled = fake.store.scheduleCancel(user.subId);
    // Newest first, then the older events whose payloads say "active, not cancelling".
    await deliver(eventOf(cancelled, "customer.subscription.updated"));
    await deliver(eventOf(user.events, "checkout.session.completed"));
    await deliver(eventOf(user.events, "customer.subscription.created"));

    const plan = await stack.caller(user.id).billing.plan();
    expect(plan).toMatchObject({ tier: "pro", state: "cancelling", cancelAtPeriodEnd: true });
    const [row] = await subRows(user.id);
    expect(row).toMatchObject({ id: user.subId, status: "active", cancelAtPeriodEnd: true });
  });

  it("keeps Pro until the period end after a cancellation, then drops to Free", async () => {
    const user = await paidUser();
    await deliver(eventOf(user.events, "checkout.session.completed"));
    await deliver(eventOf(fake.store.scheduleCancel(user.subId), "customer.subscription.updated"));

    const periodEnd = periodEndOf(user.subId);
    const plan = await stack.caller(user.id).billing.plan();
    // What the dashboard renders as "Pro until <date>".
    expect(plan).toMatchObject({ tier: "pro", state: "cancelling", currentPeriodEnd: periodEnd });
    expect((await tierForOwner(stack.services.db, user.id)).name).toBe("pro");
    // Time passing alone ends it: the moment the period is over, the tier is Free.
    expect((await tierForOwner(stack.services.db, user.id, new Date(periodEnd.getTime() + 1000))).name).toBe("free");

    // And when Stripe ends the subscription, the rows say so.
    await deliver(eventOf(fake.store.endSubscription(user.subId), "customer.subscription.deleted"));
    expect((await tierForOwner(stack.services.db, user.id)).name).toBe("free");
    expect(await stack.caller(user.id).billing.plan()).toMatchObject({ tier: "free", state: "free" });
    const [row] = await subRows(user.id);
    expect(row?.status).toBe("canceled");
  });

  it("shows past due after invoice.payment_failed, with Pro kept while Stripe retries", async () => {
    const user = await paidUser();
    await deliver(eventOf(user.events, "invoice.paid"));
    const failed = fake.store.failRenewal(user.subId);
    // Only the invoice event: the subscription's new status is re-read from Stripe.
    await deliver(eventOf(failed, "invoice.payment_failed"));

    const plan = await stack.caller(user.id).billing.plan();
    expect(plan).toMatchObject({ tier: "pro", state: "past_due", pastDue: true, status: "past_due" });
    const history = await stack.caller(user.id).billing.payments();
    expect(history.map((p) => p.status).sort()).toEqual(["open", "paid"]);
    expect(history.find((p) => p.status === "open")).toMatchObject({ amountDue: 299, amountPaid: 0, paidAt: null });
  });

  it("answers 200 without effect to events it does not handle or customers it does not know", async () => {
    const user = await paidUser();
    const other = { ...eventOf(user.events, "invoice.paid"), id: `evt_other_${user.id.slice(0, 8)}`, type: "invoice.finalized" };
    expect(await deliver(other)).toEqual({ status: 200, body: { received: true, outcome: "ignored" } });

    const completed = eventOf(user.events, "checkout.session.completed");
    const stranger = {
      ...completed,
      id: `evt_stranger_${user.id.slice(0, 8)}`,
      data: { object: { ...(completed.data.object as object), customer: "cus_someoneelse" } },
    };
    expect(await deliver(stranger)).toEqual({ status: 200, body: { received: true, outcome: "ignored" } });
    expect(await eventRows(other.id)).toHaveLength(0);
    expect(await eventRows(stranger.id)).toHaveLength(0);
    expect(await subRows(user.id)).toHaveLength(0);
  });

  it("answers 503 when billing is not configured", async () => {
    const user = await paidUser();
    const res = await handleWebhookRequest(
      { db: stack.services.db, billing: null },
      webhookRequest(eventOf(user.events, "checkout.session.completed")),
    );
    expect(res.status).toBe(503);
    expect(await res.text()).toBe("Billing is not configured");
    expect(await subRows(user.id)).toHaveLength(0);
  });
});
