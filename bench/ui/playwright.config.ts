import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import e2e from "../../playwright.config";

/**
 * The UI wait benchmark (bench/runner/ui-wait.ts runs it): the end-to-end tests' app, browser and
 * Stripe fake, started the same way, with this folder's spec instead of the tests, except that the
 * app is built and served with `next start` (dev.ts --production), as users are served: `next dev`
 * compiles on demand and shares the two cores with the job being timed.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const servers = Array.isArray(e2e.webServer) ? e2e.webServer : e2e.webServer ? [e2e.webServer] : [];

export default defineConfig({
  ...e2e,
  testDir: ".",
  globalSetup: fileURLToPath(new URL("../../tests/e2e/warm-up.ts", import.meta.url)),
  // Three uploads of a 69 MB clip and three jobs on two cores.
  timeout: 600_000,
  reporter: [["list"]],
  // The servers run from the repository, as for the tests (a server's own folder is the config's by default).
  webServer: servers.map((server) =>
    server.command.includes("scripts/dev.ts") ? { ...server, cwd: root, command: `${server.command} --production`, timeout: 900_000 } : { ...server, cwd: root },
  ),
});
