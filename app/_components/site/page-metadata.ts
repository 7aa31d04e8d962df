import type { Metadata } from "next";

export const SITE_NAME = "Frame Picker";
/** The home page's title, and the title of any page that sets none. */
export const SITE_TITLE = `${SITE_NAME} — the best stills from your videos`;
export const SITE_DESCRIPTION =
  "Drop in a video and get its sharpest, best-lit, best-composed frames: a profile picture or an action shot, ready to download.";

/** public/og.png, drawn by scripts/brand-images.ts: what a shared link shows unless a page has its own picture. */
export const DEFAULT_SHARE_IMAGE = { url: "/og.png", width: 1200, height: 630, alt: SITE_NAME } as const;

interface PageMetadataOptions {
  title: string;
  description: string;
  /** A picture of this page's own (a shared gallery's first frame); the site's image otherwise. */
  image?: { url: string; width?: number; height?: number; alt: string };
}

/**
 * A page's title and description, repeated for link previews: Next replaces the layout's
 * openGraph object as a whole, so a page that sets only a description would be previewed with
 * the home page's words.
 */
export function pageMetadata({ title, description, image = DEFAULT_SHARE_IMAGE }: PageMetadataOptions): Metadata {
  // The layout's title template does not reach these two.
  const shareTitle = `${title} · ${SITE_NAME}`;
  return {
    title,
    description,
    openGraph: { type: "website", siteName: SITE_NAME, title: shareTitle, description, images: [image] },
    twitter: { card: "summary_large_image", title: shareTitle, description, images: [image.url] },
  };
}
