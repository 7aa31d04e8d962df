import Link from "next/link";

/** The pages a visitor looks for at the bottom of any site: the rules, their data, a way to reach us. */
const FOOTER_LINKS = [
  { href: "/terms", label: "Terms" },
  { href: "/privacy", label: "Privacy" },
  { href: "/contact", label: "Contact" },
] as const;

export function SiteFooter() {
  return (
    <footer className="border-t border-zinc-200">
      <div className="mx-auto flex max-w-5xl flex-col gap-2 px-4 py-8 text-sm text-zinc-500 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <nav aria-label="About Frame Picker" className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span>© {new Date().getFullYear()} Frame Picker</span>
          {FOOTER_LINKS.map((link) => (
            <Link key={link.href} href={link.href} className="underline hover:text-zinc-700">
              {link.label}
            </Link>
          ))}
        </nav>
        <p>Your videos stay private: only you can see them, and you can delete them at any time.</p>
      </div>
    </footer>
  );
}
