import type { MetadataRoute } from "next";
import { webEnv } from "~/core/env";

// Built per request: the origin (APP_URL) is the deployment's, unknown when the app is built.
export const dynamic = "force-dynamic";

/** /sitemap.xml: the pages anyone can open; everything else needs an account or is someone's own. */
const PUBLIC_PAGES = ["/", "/sign-up", "/sign-in", "/terms", "/privacy", "/contact"] as const;

export default function sitemap(): MetadataRoute.Sitemap {
  const site = webEnv().APP_URL;
  return PUBLIC_PAGES.map((page) => ({ url: new URL(page, site).href, changeFrequency: "monthly", priority: page === "/" ? 1 : 0.5 }));
}
