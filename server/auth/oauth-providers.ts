import type { webEnv } from "~/core/env";

export type OAuthProviderId = "github" | "google";

export const OAUTH_PROVIDER_NAMES: Record<OAuthProviderId, string> = { github: "GitHub", google: "Google" };

/** The OAuth providers whose credentials are set: the only ones Auth.js loads and pages offer. */
export function configuredOAuthProviders(
  env: Pick<ReturnType<typeof webEnv>, "AUTH_GITHUB_ID" | "AUTH_GITHUB_SECRET" | "AUTH_GOOGLE_ID" | "AUTH_GOOGLE_SECRET">,
): OAuthProviderId[] {
  const ids: OAuthProviderId[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) ids.push("github");
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) ids.push("google");
  return ids;
}
