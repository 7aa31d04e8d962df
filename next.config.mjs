/** @type {import("next").NextConfig} */
const config = {
  reactStrictMode: true,
  // The worker, ffmpeg and sharp never run in the web server: keep them out of its traced bundle.
  serverExternalPackages: ["pg", "sharp", "ffmpeg-static"],
  outputFileTracingExcludes: {
    "*": ["worker/**", "bench/**", "tests/**", "infra/**", "node_modules/ffmpeg-static/**", "node_modules/@img/**", "node_modules/sharp/**"],
  },
};

export default config;
