import Link from "next/link";

export function SiteFooter() {
  return (
    <footer className="border-t border-zinc-200">
      <div className="mx-auto flex max-w-5xl flex-col gap-2 px-4 py-8 text-sm text-zinc-500 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>
          © {new Date().getFullYear()} Frame Picker ·{" "}
          <Link href="/privacy" className="underline hover:text-zinc-700">
            Privacy
          </Link>
        </p>
        <p>Your videos stay private: only you can see them, and you can delete them at any time.</p>
      </div>
    </footer>
  );
}
