import type { Metadata } from "next";
import { sharePath } from "~/core/share-links";
import { getServices } from "~/server/services/runtime";
import { findSharedGallery } from "~/server/services/share-links";
import { formatDateTime } from "../../_components/ui/format";
import { pageMetadata } from "../../_components/site/page-metadata";
import { SharedGalleryView } from "../../_components/results/shared-gallery-view";

type Params = Promise<{ token: string }>;

/**
 * A link preview of the gallery: its first frame as the picture. Never indexed: a link is meant
 * for the people it was sent to.
 */
export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { token } = await params;
  const gallery = await findSharedGallery(getServices(), token);
  const robots = { index: false, follow: false };
  if (!gallery || gallery.frames.length === 0) return { ...pageMetadata({ title: "Shared frames", description: "This link has expired or been turned off." }), robots };
  return {
    ...pageMetadata({
      title: `Frames from ${gallery.videoName}`,
      description: `${gallery.frames.length} frames picked from ${gallery.videoName} with Frame Picker, shared until ${formatDateTime(gallery.expiresAt)}.`,
      image: { url: `${sharePath(token)}/image`, width: gallery.frames[0]!.width, height: gallery.frames[0]!.height, alt: `The best frame of ${gallery.videoName}` },
    }),
    robots,
  };
}

export default async function SharedFramesPage({ params }: { params: Params }) {
  const { token } = await params;
  return <SharedGalleryView token={token} />;
}
