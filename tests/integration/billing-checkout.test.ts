/**
 * Checkout, the success page's confirmation, the Portal and resume, through the tRPC billing
 * router against real PostgreSQL. Stripe's servers are faked at the HTTP boundary
 * (tests/fakes/stripe-server.ts): this machine cannot reach Stripe and there is no stripe-mock,
 * so the app's real stripe-node client talks to a loopback fake that keeps an in-memory account
 * and answers in the pinned API version's JSON shapes; the test reads what the app sent to it.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tierForOwner } from "~/core/owner-tier";
import { subscriptions, users } from "~/db/schema";
import { FAKE_PRICES, startFakeStripe, type FakeStripe } from "../fakes/stripe-server";
import { handleStripeEvent } from "~/server/billing/webhook";
import { billingFor, eventOf, verifiedEvent } from "../fakes/stripe-test-kit";
import { createTestStack, type TestStack } from "./helpers/stack";
import { trpcErrorOf } from "./helpers/trpc-error";

let stack: TestStack;
let unconfigured: TestStack;
let fake: FakeStripe;

beforeAll(async () => {
  fake = await startFakeStripe();
  stack = await createTestStack("billing-checkout", { billing: billingFor(fake) });
  unconfigured = await createTestStack("billing-off");
});
afterAll(async () => {
  await stack.close();
  await unconfigured.close();
  await fake.close();
});

async function newUser(): Promise<string> {
  const id = crypto.randomUUID();
  await stack.services.db.insert(users).values({ id, email: `${id}@example.com`, isAnonymous: false });
  return id;
}

const sessionIdOf = (url: string) => new URL(url).pathname.split("/").pop() ?? "";
const customerOf = async (userId: string) =>
  (await stack.services.db.select({ c: users.stripeCustomerId }).from(users).where(eq(users.id, userId)))[0]?.c ?? null;

describe("checkout", () => {
  it("opens a subscription Checkout whose return URLs come from APP_URL, for this user's customer", async () => {
    const userId = await newUser();
    const { url } = await stack.caller(userId).billing.checkout({ interval: "year" });
    expect(url).toMatch(new RegExp(`^${fake.url}/checkout/cs_test_`));

    const session = fake.store.checkoutSession(sessionIdOf(url));
    expect(session).toMatchObject({
      mode: "subscription",
      client_reference_id: userId,
      customer: await customerOf(userId),
      success_url: "http://localhost:3000/billing/success?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "http://localhost:3000/upgrade?canceled=1",
    });
    expect(fake.store.priceOfSession(session.id)?.id).toBe(FAKE_PRICES.year);
  });

  it("refuses return URLs or other extra data from the client, and sends nothing to Stripe", async () => {
    const userId = await newUser();
    const before = fake.requests.length;
    const input = { interval: "month", successUrl: "https://evil.example/steal", cancel_url: "https://evil.example" };
    const err = await trpcErrorOf(stack.caller(userId).billing.checkout(input as { interval: "month" }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(fake.requests.length).toBe(before);
  });

  it("creates the Stripe customer once under concurrent checkouts, and stores it on the user", async () => {
    const userId = await newUser();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => stack.caller(userId).billing.checkout({ interval: i % 2 ? "year" : "month" })),
    );
    const customers = [...fake.store.customers.values()].filter((c) => c.metadata.userId === userId);
    expect(customers).toHaveLength(1);
    expect(customers[0]?.email).toBe(`${userId}@example.com`);
    expect(await customerOf(userId)).toBe(customers[0]?.id);
    const sessionCustomers = new Set(results.map((r) => fake.store.checkoutSession(sessionIdOf(r.url)).customer));
    expect([...sessionCustomers]).toEqual([customers[0]?.id]);

    // A later checkout reuses it without asking Stripe for a customer again.
    const creates = () => fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/customers").length;
    const before = creates();
    await stack.caller(userId).billing.checkout({ interval: "month" });
    expect(creates()).toBe(before);
  });

  it("refuses a second subscription to someone who already has Pro", async () => {
    const userId = await newUser();
    const { url } = await stack.caller(userId).billing.checkout({ interval: "month" });
    fake.store.completeCheckout(sessionIdOf(url));
    await stack.caller(userId).billing.confirmCheckout({ sessionId: sessionIdOf(url) });

    const err = await trpcErrorOf(stack.caller(userId).billing.checkout({ interval: "year" }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/already have Pro/);
  });
});

describe("the success page's confirmation", () => {
  it("shows Pro at once from Stripe's state, without any webhook, with the payment in the history", async () => {
    const userId = await newUser();
    const api = stack.caller(userId);
    const { url } = await api.billing.checkout({ interval: "month" });
    const sessionId = sessionIdOf(url);

    // Came back without paying: still Free, and the page can say so.
    const unpaid = await api.billing.confirmCheckout({ sessionId });
    expect(unpaid).toMatchObject({ complete: false, plan: { tier: "free", state: "free" } });

    fake.store.completeCheckout(sessionId);
    const subId = fake.store.checkoutSession(sessionId).subscription;
    const { plan, complete } = await api.billing.confirmCheckout({ sessionId });
    expect(complete).toBe(true);
    expect(plan).toMatchObject({ tier: "pro", state: "active", interval: "month", canManage: true });
    expect(plan.currentPeriodEnd?.getTime()).toBe(
      (fake.store.subscription(subId ?? "").items.data[0]?.current_period_end ?? 0) * 1000,
    );
    expect((await tierForOwner(stack.services.db, userId)).name).toBe("pro");
    const history = await api.billing.payments();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ status: "paid", amountPaid: 299, currency: "usd" });
  });

  it("is NOT_FOUND for another user's session, an unknown session, or a user who never checked out", async () => {
    const owner = await newUser();
    const { url } = await stack.caller(owner).billing.checkout({ interval: "month" });
    const sessionId = sessionIdOf(url);
    fake.store.completeCheckout(sessionId);

    const intruder = await newUser();
    await stack.caller(intruder).billing.checkout({ interval: "month" }); // has a customer of their own
    const stranger = await newUser(); // has none

    for (const [who, id] of [
      [intruder, sessionId],
      [stranger, sessionId],
      [intruder, "cs_test_doesnotexist"],
    ] as const) {
      const err = await trpcErrorOf(stack.caller(who).billing.confirmCheckout({ sessionId: id }));
      expect(err.code).toBe("NOT_FOUND");
      expect(err.message).toBe("We could not find that checkout.");
    }
    // Nothing of the owner's subscription was copied to anyone.
    expect(await stack.services.db.select().from(subscriptions).where(eq(subscriptions.userId, intruder))).toHaveLength(0);
    expect((await tierForOwner(stack.services.db, intruder)).name).toBe("free");
  });
});

describe("managing the subscription", () => {
  async function proUser() {
    const userId = await newUser();
    const { url } = await stack.caller(userId).billing.checkout({ interval: "month" });
    fake.store.completeCheckout(sessionIdOf(url));
    await stack.caller(userId).billing.confirmCheckout({ sessionId: sessionIdOf(url) });
    return { userId, subId: fake.store.checkoutSession(sessionIdOf(url)).subscription ?? "" };
  }

  it("opens the Customer Portal for the user's customer, returning to the dashboard", async () => {
    const { userId } = await proUser();
    const { url } = await stack.caller(userId).billing.portal();
    const portal = fake.store.portalSessions.get(sessionIdOf(url));
    expect(portal).toMatchObject({ customer: await customerOf(userId), return_url: "http://localhost:3000/dashboard" });

    const err = await trpcErrorOf(stack.caller(await newUser()).billing.portal());
    expect(err.code).toBe("PRECONDITION_FAILED");
  });

  it("resumes a subscription set to cancel at the period end", async () => {
    const { userId, subId } = await proUser();
    const cancelled = eventOf(fake.store.scheduleCancel(subId), "customer.subscription.updated");
    await handleStripeEvent(stack.services, verifiedEvent(cancelled));
    expect(await stack.caller(userId).billing.plan()).toMatchObject({ state: "cancelling" });

    const plan = await stack.caller(userId).billing.resume();
    expect(plan).toMatchObject({ tier: "pro", state: "active", cancelAtPeriodEnd: false });
    expect(fake.store.subscription(subId)).toMatchObject({ cancel_at_period_end: false, cancel_at: null });

    const err = await trpcErrorOf(stack.caller(userId).billing.resume());
    expect(err.code).toBe("PRECONDITION_FAILED");
  });
});

describe("access", () => {
  it("needs an account for everything but the public status", async () => {
    const visitor = crypto.randomUUID();
    const api = stack.caller(visitor);
    expect(await api.billing.status()).toMatchObject({ configured: true, prices: { month: { label: "$2.99" } } });
    const calls = [
      () => api.billing.plan(),
      () => api.billing.payments(),
      () => api.billing.checkout({ interval: "month" }),
      () => api.billing.confirmCheckout({ sessionId: "cs_test_x" }),
      () => api.billing.portal(),
      () => api.billing.resume(),
    ];
    for (const call of calls) expect((await trpcErrorOf(call())).code).toBe("UNAUTHORIZED");
  });

  it("says billing is not configured when Stripe keys are absent, and still shows the plan", async () => {
    const userId = await newUser();
    const api = unconfigured.caller(userId);
    expect(await api.billing.status()).toMatchObject({ configured: false });
    expect(await api.billing.plan()).toMatchObject({ tier: "free", canManage: false });
    const calls = [() => api.billing.checkout({ interval: "month" }), () => api.billing.portal(), () => api.billing.resume()];
    for (const call of calls) {
      const err = await trpcErrorOf(call());
      expect(err.code).toBe("PRECONDITION_FAILED");
      expect(err.message).toBe("Billing is not configured on this server.");
    }
  });
});
