/**
 * Upgrading to Pro in the browser. Stripe's servers are faked at the HTTP boundary
 * (tests/fakes/stripe-server.ts, started by playwright.config.ts): this machine cannot reach
 * Stripe, so the app's real Stripe client talks to a loopback fake whose Checkout page stands in
 * for Stripe's — the browser really leaves the site to pay and comes back.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./helpers/test";
import { signUp, TEST_PASSWORD, uniqueEmail } from "./helpers/account";

const checkoutUrl = /^http:\/\/127\.0\.0\.1:\d+\/checkout\/cs_test_\w+$/;

async function chooseMonthly(page: Page) {
  await page.getByRole("button", { name: "Choose monthly" }).click();
  await page.waitForURL(checkoutUrl);
  await expect(page.getByRole("heading", { name: "Subscribe to Frame Picker Pro" })).toBeVisible();
}

test("a visitor signs up, pays for Pro on Checkout, comes back to Pro, cancels in the Portal and resumes", async ({ page }) => {
  test.setTimeout(300_000);

  // Pro is bought by an account: the upgrade page sends a visitor to sign up and back.
  await page.goto("/upgrade");
  await page.waitForURL((url) => url.pathname === "/sign-up" && url.searchParams.get("callbackUrl") === "/upgrade");
  await signUp(page, { email: uniqueEmail("upgrade"), password: TEST_PASSWORD }, "/upgrade");

  await expect(page.getByRole("heading", { level: 1, name: "Upgrade to Pro" })).toBeVisible();
  const card = (title: string) =>
    page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
  await expect(card("Monthly")).toContainText("$2.99 / month");
  await expect(card("Yearly")).toContainText("$29.99 / year");
  await expect(page.getByText("100 videos per month")).toBeVisible();

  // Changing one's mind on Checkout comes back with nothing charged.
  await chooseMonthly(page);
  await page.getByRole("link", { name: "← Back" }).click();
  await page.waitForURL((url) => url.pathname === "/upgrade" && url.searchParams.get("canceled") === "1");
  await expect(page.getByText("Checkout was cancelled — you have not been charged.")).toBeVisible();

  await chooseMonthly(page);
  await expect(page.getByText("$2.99 per month")).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();

  await page.waitForURL((url) => url.pathname === "/billing/success" && /^cs_test_\w+$/.test(url.searchParams.get("session_id") ?? ""));
  await expect(page.getByRole("heading", { name: "You're on Pro" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Your subscription renews on .*\d{4}\./)).toBeVisible();

  // The upgrade page knows, too.
  await page.goto("/upgrade");
  await expect(page.getByRole("heading", { name: "You’re already on Pro" })).toBeVisible();

  // The plan and the payment, as the dashboard's billing panels show them.
  await page.goto("/billing");
  const subscription = page.getByRole("region", { name: "Subscription" });
  await expect(subscription.getByTestId("plan-summary")).toHaveText(/^Pro, renews .*\d{4}$/);
  await expect(subscription).toContainText("Monthly billing");
  await expect(subscription.getByRole("button", { name: "Manage billing" })).toBeVisible();
  // Before any cancellation, the panel says what ending Pro would do to what was made.
  await expect(subscription.getByTestId("retention-outlook")).toHaveText(
    "Ending Pro deletes nothing early: you have no saved videos right now. What you make after Pro ends is kept 7 days, as on Free.",
  );
  const payments = page.getByRole("table", { name: "Your payments" });
  await expect(payments.getByRole("row")).toHaveCount(2); // the header and one payment
  await expect(payments).toContainText("$2.99");
  await expect(payments).toContainText("Paid");


  // Cancelling in the Portal keeps Pro until the period end (the state arrives by webhook), and
  // it can be resumed from here.
  await subscription.getByRole("button", { name: "Manage billing" }).click();
  await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/portal\/bps_\w+$/);
  await page.getByRole("button", { name: "Cancel plan" }).click();
  await page.getByRole("link", { name: "Return to Frame Picker" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
  await expect(page.getByRole("region", { name: "Subscription" }).getByTestId("plan-summary")).toHaveText(/^Pro/);

  await expect(async () => {
    await page.goto("/billing");
    await expect(subscription.getByTestId("plan-summary")).toHaveText(/^Pro until .*\d{4}$/, { timeout: 3000 });
  }).toPass({ timeout: 60_000 });
  await expect(subscription.getByTestId("retention-outlook")).toHaveText(/^Ending Pro deletes nothing early: you have no saved videos right now\. What you make after .*\d{4} is kept 7 days, as on Free\.$/);
  await subscription.getByRole("button", { name: "Resume subscription" }).click();
  await expect(subscription.getByTestId("plan-summary")).toHaveText(/^Pro, renews .*\d{4}$/);
});
