import { getServices } from "~/server/services/runtime";
import { findSharedGallery } from "~/server/services/share-links";

/**
 * The link preview's picture: the gallery's best frame. A redirect to a freshly signed URL,
 * because a preview is fetched whenever a chat app gets round to it, long after a page's own
 * URLs would have run out; it works exactly as long as the link does.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const gallery = await findSharedGallery(getServices(), token);
  const best = gallery?.frames[0];
  if (!best) return new Response("This link has expired or been turned off.", { status: 404, headers: { "cache-control": "no-store" } });
  return new Response(null, { status: 302, headers: { location: best.previewUrl, "cache-control": "no-store" } });
}
