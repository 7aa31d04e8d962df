import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FullConfig } from "@playwright/test";

/**
 * `next dev` compiles a route on its first request, and on a fresh checkout with 2 busy cores
 * that took 6–17 s per page (measured: /sign-up 16.6 s), longer than an expect timeout. Playwright
 * starts the web server before this global setup, so every route is requested once here and the
 * tests time the app, not the compiler.
 */
export default async function warmUp(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error("warm-up: the Playwright config has no baseURL");
  // The repository's app/, wherever the config that runs this lives (the UI benchmark's is in bench/ui).
  const routes = appRoutes(fileURLToPath(new URL("../../app", import.meta.url)));
  const started = Date.now();
  for (const route of routes) {
    // Any status will do (a protected page redirects, an API answers 4xx): the route compiled.
    // Then as a client-side navigation asks for it (an RSC payload), which a click in a test does.
    for (const headers of [{}, { RSC: "1" }] as Array<Record<string, string>>) {
      const response = await fetch(new URL(route, baseURL), { headers, redirect: "manual", signal: AbortSignal.timeout(180_000) });
      await response.arrayBuffer();
      if (response.status >= 500) throw new Error(`warm-up: ${route} answered ${response.status}; see the web server's log above`);
    }
  }
  console.log(`warm-up: compiled ${routes.length} routes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Every page and route handler under app/, as a URL path; dynamic segments get a sample. */
function appRoutes(appDir: string, segments: string[] = []): string[] {
  const entries = readdirSync(path.join(appDir, ...segments), { withFileTypes: true });
  const here = entries.some((e) => e.isFile() && /^(page|route)\.tsx?$/.test(e.name))
    ? ["/" + segments.filter((s) => !s.startsWith("(") && !s.startsWith("_")).map(placeholder).join("/")]
    : [];
  const below = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith("_"))
    .flatMap((e) => appRoutes(appDir, [...segments, e.name]));
  return [...here, ...below];
}

/** A request path for each dynamic segment that reaches the handler without an error logged. */
const SAMPLE_SEGMENTS: Record<string, string> = { "[...nextauth]": "session", "[trpc]": "viewer.me", "[token]": "A".repeat(43) };

function placeholder(segment: string): string {
  if (!segment.startsWith("[")) return segment;
  const sample = SAMPLE_SEGMENTS[segment];
  if (!sample) throw new Error(`warm-up: add a sample path for the dynamic segment ${segment}`);
  return sample;
}
