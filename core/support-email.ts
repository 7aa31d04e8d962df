import type { webEnv } from "./env";

/** The address the contact, terms and privacy pages give: SUPPORT_EMAIL, or support@ the site's own host. */
export function supportEmail(env: Pick<ReturnType<typeof webEnv>, "SUPPORT_EMAIL" | "APP_URL">): string {
  return env.SUPPORT_EMAIL ?? `support@${new URL(env.APP_URL).hostname}`;
}
