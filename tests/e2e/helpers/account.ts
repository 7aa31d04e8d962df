import { expect, type Page } from "@playwright/test";

export const TEST_PASSWORD = "a good long password";

/** An address no other test (or earlier run against the same database) has used. */
export function uniqueEmail(tag = "e2e"): string {
  return `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

function withCallback(path: string, callbackUrl?: string): string {
  return callbackUrl ? `${path}?callbackUrl=${encodeURIComponent(callbackUrl)}` : path;
}

/** Where the app lands after signing in: the callback's path, else the dashboard. */
async function expectLandedOn(page: Page, callbackUrl?: string): Promise<void> {
  const target = callbackUrl ?? "/dashboard";
  const pathname = new URL(target, "http://x").pathname;
  await page.waitForURL((url) => url.pathname === pathname, { timeout: 60_000 });
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Signs up through the UI (the account is then signed in) and waits for the landing page. */
export async function signUp(page: Page, creds: { email: string; password: string }, callbackUrl?: string): Promise<void> {
  await page.goto(withCallback("/sign-up", callbackUrl));
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password", { exact: true }).fill(creds.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expectLandedOn(page, callbackUrl);
}

/** Signs in through the UI and waits for the landing page. */
export async function signIn(page: Page, creds: { email: string; password: string }, callbackUrl?: string): Promise<void> {
  await page.goto(withCallback("/sign-in", callbackUrl));
  await page.getByLabel("Email").fill(creds.email);
  await page.getByLabel("Password", { exact: true }).fill(creds.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expectLandedOn(page, callbackUrl);
}

/** Signs out from the header; lands on the home page as a visitor. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
}

/**
 * A new account on Pro: signs up from the upgrade page and pays monthly on Checkout (the Stripe
 * fake's page, started by playwright.config.ts), then waits until the app knows.
 */
export async function signUpOnPro(page: Page, tag = "pro"): Promise<void> {
  await page.goto("/upgrade");
  await page.waitForURL((url) => url.pathname === "/sign-up");
  await signUp(page, { email: uniqueEmail(tag), password: TEST_PASSWORD }, "/upgrade");
  await page.getByRole("button", { name: "Choose monthly" }).click();
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page.getByRole("heading", { name: "You're on Pro" })).toBeVisible({ timeout: 60_000 });
}
