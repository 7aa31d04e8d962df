import type { Page } from "@playwright/test";
import { expect, test } from "./helpers/test";
import { TEST_PASSWORD, signIn, signOut, signUp, uniqueEmail } from "./helpers/account";
import { expectConfigureStep } from "./helpers/flow";
import { makeTempDir, makeTestVideo } from "./helpers/test-videos";

const accountNav = (page: Page) => page.getByRole("navigation", { name: "Account" });

test("sign up, sign out, and a protected page sends you to sign in and back", async ({ page }) => {
  const email = uniqueEmail("journey");
  await page.goto("/");
  await accountNav(page).getByRole("link", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create your account" })).toBeVisible();

  // The form checks before sending, next to the field.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(email);
  await expect(accountNav(page)).toContainText(email);

  await signOut(page);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();

  // Email in another case is the same account.
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 60_000 });
  await expect(page.getByRole("main")).toContainText(email);
});

test("a wrong password or an unknown email gets the same message, and nothing is signed in", async ({ page }) => {
  const email = uniqueEmail("wrong");
  await signUp(page, { email, password: TEST_PASSWORD });
  await signOut(page);

  for (const attempt of [
    { email, password: "not my password" },
    { email: uniqueEmail("nobody"), password: TEST_PASSWORD },
  ]) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(attempt.email);
    await page.getByLabel("Password", { exact: true }).fill(attempt.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
    await expect(page).toHaveURL(/\/sign-in$/);
  }
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);

  // Four more wrong guesses make five: then even the right password waits.
  const form = page.getByRole("main");
  for (let i = 0; i < 4; i++) {
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Password", { exact: true }).fill(`guess number ${i}`);
    await form.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(form.getByRole("alert")).toHaveText("Email or password is incorrect.");
    await expect(form.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  }
  await form.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await form.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(form.getByRole("alert")).toHaveText("Too many attempts. Try again in 15 minutes.");
});

test("signing up with an email that has an account says so and links to sign in", async ({ page }) => {
  const email = uniqueEmail("taken");
  await signUp(page, { email, password: TEST_PASSWORD });
  await signOut(page);

  await page.goto("/sign-up?callbackUrl=%2Fvideos");
  await page.getByLabel("Email").fill(`  ${email.toUpperCase()}`);
  await page.getByLabel("Password", { exact: true }).fill("another long password");
  await page.getByRole("button", { name: "Create account" }).click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("An account with this email already exists. Sign in instead.");
  await alert.getByRole("link", { name: "Go to sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fvideos$/);

  // The original password still works, and the callback is honoured.
  await signIn(page, { email, password: TEST_PASSWORD }, "/videos");
  await expect(page.getByRole("heading", { level: 1, name: "My videos" })).toBeVisible();
});

test("a guest's upload moves to the account they create, and the browser's guest identity is replaced at sign-in and sign-out", async ({ page }) => {
  const visitor = async () => (await page.context().cookies()).find((c) => c.name === "fp_visitor")?.value;
  const video = await makeTestVideo(await makeTempDir("auth"), "guest-clip.mp4", { seconds: 3 });
  await page.goto("/");
  await page.getByLabel("Choose a video").setInputFiles(video);
  await expectConfigureStep(page);
  const asGuest = await visitor();
  expect(asGuest).toBeDefined();

  await signUp(page, { email: uniqueEmail("carry"), password: TEST_PASSWORD }, "/videos");
  await expect(page.getByRole("article", { name: "guest-clip.mp4" })).toBeVisible();
  const signedIn = await visitor();
  expect(signedIn).toBeDefined();
  expect(signedIn).not.toBe(asGuest);

  // Signed out, this browser is a new guest with nothing of the account's.
  await signOut(page);
  await page.goto("/videos");
  await expect(page.getByRole("heading", { name: "No videos yet" })).toBeVisible();
  const afterSignOut = await visitor();
  expect(afterSignOut).toBeDefined();
  expect([asGuest, signedIn]).not.toContain(afterSignOut);
});

test("until the page is interactive, the sign-in and sign-up forms cannot be sent by the browser itself (with the password in the URL)", async ({
  page,
}) => {
  // The app's scripts never arrive, as on a slow phone in its first seconds: the page is shown, not hydrated.
  await page.route(/\/_next\/static\/.+\.js(\?.*)?$/, (route) => route.abort());
  for (const [path, button] of [
    ["/sign-in", "Sign in"],
    ["/sign-up", "Create account"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("button", { name: button, exact: true })).toBeDisabled();
    await expect(page.getByLabel("Email")).toBeDisabled();
    await expect(page.getByLabel("Password", { exact: true })).toBeDisabled();
  }
});
