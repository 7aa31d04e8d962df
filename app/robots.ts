import type { MetadataRoute } from "next";
import { webEnv } from "~/core/env";

// Built per request: the origin (APP_URL) is the deployment's, unknown when the app is built.
export const dynamic = "force-dynamic";

/** /robots.txt: the public pages may be crawled; people's videos, frames and accounts may not. */
export default function robots(): MetadataRoute.Robots {
  const site = webEnv().APP_URL;
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/api/", "/videos", "/dashboard", "/billing", "/auth/", "/s/"] },
    sitemap: new URL("/sitemap.xml", site).href,
  };
}
