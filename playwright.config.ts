import { execFileSync } from "node:child_process";
import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./scripts/local/system-deps";

/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download browsers here) against the app
 * started the README way (`scripts/dev.ts`), in its ephemeral mode: throwaway database and free
 * ports, so it never collides with a `npm run dev` that is already running.
 */

/**
 * Playwright loads this file in the runner and again in each worker: pick the port once, in the
 * runner, and hand it down through the environment the workers inherit. (Synchronous, because
 * the config cannot await.)
 */
function pickPortOnce(name: "E2E_PORT" | "E2E_STRIPE_PORT"): string {
  process.env[name] ??= execFileSync(process.execPath, [
    "-e",
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
  return process.env[name];
}

const port = pickPortOnce("E2E_PORT");
const isCI = Boolean(process.env.CI);

/**
 * Stripe cannot be reached from here: the app talks to a loopback fake of its API
 * (tests/fakes/stripe-server.ts), whose Checkout page really takes the browser away and back,
 * and which delivers its events, signed, to the app's webhook as `stripe listen` would.
 */
const stripePort = pickPortOnce("E2E_STRIPE_PORT");
const stripeWebhookSecret = "whsec_frame_picker_e2e";
const stripeEnv = {
  STRIPE_SECRET_KEY: "sk_test_frame_picker_e2e",
  STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
  STRIPE_PRICE_MONTHLY: "price_fake_pro_monthly",
  STRIPE_PRICE_YEARLY: "price_fake_pro_yearly",
  STRIPE_API_BASE: `http://127.0.0.1:${stripePort}`,
};

export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/warm-up.ts",
  // One app instance, one browser: tests share the server and the 2-core machine.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: isCI,
  // The first visit to a page compiles it (30–60 s on 2 cores).
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: isCI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    navigationTimeout: 90_000,
    actionTimeout: 15_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: findChromium() ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: [
        "node --import tsx tests/fakes/stripe-server.ts",
        `--port ${stripePort}`,
        `--webhook-url http://127.0.0.1:${port}/api/stripe/webhook`,
        `--webhook-secret ${stripeWebhookSecret}`,
      ].join(" "),
      url: `http://127.0.0.1:${stripePort}/health`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "node --import tsx scripts/dev.ts --ephemeral",
      env: { PORT: port, ...stripeEnv },
      // dev.ts prints this once Next answers and the home page has compiled.
      wait: { stdout: /Frame Picker is ready at/ },
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: isCI ? "pipe" : "ignore",
      stderr: "pipe",
      // SIGTERM lets dev.ts stop Next, the worker, S3/SQS and PostgreSQL in order (a kill would orphan them).
      gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    },
  ],
});
