/**
 * Runs once when the Next server starts. In AWS, secrets arrive as Secrets Manager ARNs and are
 * read into the environment first (core/secrets.ts; nothing happens locally). Then a missing or
 * malformed setting stops the server here, named.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { loadSecretsIntoEnv } = await import("~/core/secrets");
    await loadSecretsIntoEnv();
    const { webEnv } = await import("~/core/env");
    webEnv();
  }
}
