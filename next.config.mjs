/**
 * Never traced into the server function (the OpenNext Lambda has a hard 250 MB unzipped limit).
 * Measured: without these, the trace pulls in sharp and its x64 libvips (~20 MB, and the wrong
 * architecture for an arm64 Lambda) through Next's image optimiser, which the server never runs:
 * OpenNext gives image optimisation its own function. The rest is not imported by the web app
 * today; listing it keeps an accidental import from dragging the worker's media stack (ffmpeg,
 * sharp, Human/TensorFlow), the deploy tooling or local-only data into the bundle.
 * scripts/build/web.ts fails the build if any of it shows up anyway.
 */
const outputFileTracingExcludes = [
  // Other programs in this repo and their output.
  "worker/**",
  "bench/**",
  "tests/**",
  "infra/**",
  "scripts/**",
  ".local/**",
  ".open-next/**",
  ".build/**",
  "test-results/**",
  "playwright-report/**",
  "coverage/**",
  // The worker's media stack.
  "node_modules/ffmpeg-static/**",
  "node_modules/sharp/**",
  "node_modules/@img/**",
  "node_modules/@vladmandic/**",
  "node_modules/@tensorflow/**",
  // Local stand-ins for AWS and PostgreSQL.
  "node_modules/fauxqs/**",
  "node_modules/@electric-sql/**",
  // Build, deploy and test tooling.
  "node_modules/aws-cdk-lib/**",
  "node_modules/aws-cdk/**",
  "node_modules/@opennextjs/**",
  "node_modules/esbuild/**",
  "node_modules/@esbuild/**",
  "node_modules/typescript/**",
  "node_modules/playwright/**",
  "node_modules/playwright-core/**",
  "node_modules/@playwright/**",
  "node_modules/vitest/**",
  "node_modules/drizzle-kit/**",
];

/** @type {import("next").NextConfig} */
const config = {
  reactStrictMode: true,
  // A second instance (the e2e run's) builds into its own folder, so it never collides with \`npm run dev\`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // scripts/dev.ts --ephemeral (the e2e server) turns Turbopack's on-disk dev cache off.
  experimental: { turbopackFileSystemCacheForDev: process.env.NEXT_DEV_DISK_CACHE !== "off" },
  // Loaded from node_modules at run time instead of being bundled: pg's optional native bindings,
  // and sharp (worker-only native code) that must never be bundled into a page.
  serverExternalPackages: ["pg", "sharp"],
  outputFileTracingExcludes: { "*": outputFileTracingExcludes },
  // Every page and API answer is per visitor (identity cookies, each page's CSP nonce), and a
  // shared cache (CloudFront) must never keep one visitor's Set-Cookie or nonce for the next; were a
  // page ever prerendered again, Next would mark it `s-maxage=31536000`. OpenNext lets
  // these headers win over Next's own; hashed /_next/ assets keep their immutable caching.
  async headers() {
    return [
      {
        source: "/((?!_next/).*)",
        headers: [{ key: "Cache-Control", value: "private, no-cache, no-store, max-age=0, must-revalidate" }],
      },
    ];
  },
};

export default config;
