/** @type {import("next").NextConfig} */
const config = {
  reactStrictMode: true,
  // A second instance (the e2e run's) builds into its own folder, so it never collides with \`npm run dev\`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The worker, ffmpeg and sharp never run in the web server: keep them out of its traced bundle.
  serverExternalPackages: ["pg", "sharp", "ffmpeg-static"],
  outputFileTracingExcludes: {
    "*": ["worker/**", "bench/**", "tests/**", "infra/**", "node_modules/ffmpeg-static/**", "node_modules/@img/**", "node_modules/sharp/**"],
  },
};

export default config;
