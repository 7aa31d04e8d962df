import type { Metadata, Viewport } from "next";
import { webEnv } from "~/core/env";
import { GeistSans } from "geist/font/sans";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "~/trpc/react";
import { DEFAULT_SHARE_IMAGE, SITE_DESCRIPTION, SITE_NAME, SITE_TITLE } from "./_components/site/page-metadata";
import { SiteFooter } from "./_components/site/site-footer";
import { SiteHeader } from "./_components/site/site-header";
import "./globals.css";

/** At request time: link previews need absolute URLs, on the site's own origin (APP_URL). */
export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(webEnv().APP_URL),
    title: { default: SITE_TITLE, template: `%s · ${SITE_NAME}` },
    description: SITE_DESCRIPTION,
    applicationName: SITE_NAME,
    manifest: "/manifest.webmanifest",
    // The tab icon is app/icon.svg (Next adds its link); iOS home screens want a PNG.
    icons: { apple: "/icons/apple-touch-icon.png" },
    // Pages with their own words set these again through pageMetadata().
    openGraph: { type: "website", siteName: SITE_NAME, title: SITE_TITLE, description: SITE_DESCRIPTION, images: [DEFAULT_SHARE_IMAGE] },
    twitter: { card: "summary_large_image", title: SITE_TITLE, images: [DEFAULT_SHARE_IMAGE.url] },
  };
}

export const viewport: Viewport = { themeColor: "#4f46e5" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered for each request, never prerendered: every page carries its answer's CSP nonce
  // (proxy.ts), which a page built ahead of time could not.
  await connection();
  return (
    <html lang="en" className={GeistSans.variable}>
      <body className="flex min-h-dvh flex-col font-sans">
        <a
          href="#main"
          className="sr-only z-50 rounded-lg bg-white px-4 py-2 font-medium text-indigo-700 shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
        >
          Skip to content
        </a>
        <TRPCReactProvider>
          <SiteHeader />
          <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-10 sm:px-6 sm:py-14">
            {children}
          </main>
          <SiteFooter />
        </TRPCReactProvider>
      </body>
    </html>
  );
}
