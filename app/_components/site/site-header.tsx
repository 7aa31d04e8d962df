import Link from "next/link";
import { AccountMenu } from "../auth/account-menu";
import { NavLink } from "./nav-link";

export function SiteHeader() {
  return (
    <header className="border-b border-zinc-200 bg-white/80 backdrop-blur">
      <div className="mx-auto flex min-h-16 max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link
          href="/"
          className="flex items-center gap-2 rounded-md font-semibold text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-600"
        >
          <LogoMark />
          Frame Picker
        </Link>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <nav aria-label="Main">
            <ul className="flex items-center gap-1">
              <li>
                <NavLink href="/">New video</NavLink>
              </li>
              <li>
                <NavLink href="/videos">My videos</NavLink>
              </li>
            </ul>
          </nav>
          <div className="hidden h-6 w-px bg-zinc-200 sm:block" aria-hidden="true" />
          <nav aria-label="Account">
            <AccountMenu />
          </nav>
        </div>
      </div>
    </header>
  );
}

function LogoMark() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="h-7 w-7">
      <rect width="32" height="32" rx="8" className="fill-indigo-600" />
      <rect x="7" y="9" width="18" height="14" rx="2.5" fill="none" stroke="white" strokeWidth="2" />
      <path d="M7 13h18M12 9v4M20 9v4" stroke="white" strokeWidth="2" />
      <circle cx="16" cy="18" r="2" fill="white" />
    </svg>
  );
}
