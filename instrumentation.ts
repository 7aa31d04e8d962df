/** Runs once when the Next server starts: a missing or malformed setting stops it here, named. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { webEnv } = await import("~/core/env");
    webEnv();
  }
}
