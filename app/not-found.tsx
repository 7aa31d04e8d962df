import Link from "next/link";
import { buttonClass } from "./_components/ui/button-styles";
import { pageMetadata } from "./_components/site/page-metadata";

export const metadata = pageMetadata({
  title: "Page not found",
  description: "This Frame Picker page does not exist, or it is not yours to see.",
});

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-zinc-900">Page not found</h1>
      <p className="mt-3 text-zinc-600">The page you are looking for does not exist or has moved.</p>
      <div className="mt-8 flex justify-center gap-3">
        <Link href="/" className={buttonClass("primary")}>
          Pick frames from a video
        </Link>
        <Link href="/videos" className={buttonClass("secondary")}>
          My videos
        </Link>
      </div>
    </div>
  );
}
