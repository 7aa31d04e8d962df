import Link from "next/link";
import { buttonClass } from "../_components/ui/button-styles";
import { UsageMeter } from "../_components/billing/usage-meter";
import { VideoLibrary } from "../_components/library/video-library";
import { pageMetadata } from "../_components/site/page-metadata";

export const metadata = pageMetadata({
  title: "My videos",
  description: "Every video you uploaded, with its picks, their settings and when they will be deleted.",
});

export default function VideosPage() {
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">My videos</h1>
          <p className="mt-1 text-sm text-zinc-600">Your uploads and every pick you ran on them.</p>
          <div className="mt-2">
            <UsageMeter compact />
          </div>
        </div>
        <Link href="/" className={buttonClass("primary")}>
          New video
        </Link>
      </div>
      <VideoLibrary />
    </div>
  );
}
