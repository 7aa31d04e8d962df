"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { buttonClass } from "../ui/button-styles";
import { NavLink } from "../site/nav-link";
import { withCallback } from "./safe-callback";

/** Pages a visitor should come back to after signing in from the header (others go to the dashboard). */
function callbackFor(pathname: string): string {
  return pathname === "/" || /^\/(sign-in|sign-up|auth)(\/|$)/.test(pathname) ? "/dashboard" : pathname;
}

/**
 * The header's account area: sign-in / sign-up for visitors; for accounts their email, the
 * dashboard, an upgrade link (unless already Pro) and sign-out. Asked of the API rather than
 * rendered on the server, so pages stay cacheable.
 */
export function AccountMenu() {
  const trpc = useTRPC();
  const me = useQuery(trpc.viewer.me.queryOptions());
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);

  // Reserve the space while loading so the header does not jump.
  if (me.isPending) return <div className="h-9 w-40" aria-hidden="true" />;

  if (me.data?.kind !== "user") {
    const callback = callbackFor(pathname);
    return (
      <div className="flex items-center gap-2">
        <NavLink href={withCallback("/sign-in", callback)}>Sign in</NavLink>
        <Link href={withCallback("/sign-up", callback)} className={buttonClass("primary", "px-3 py-1.5")}>
          Sign up
        </Link>
      </div>
    );
  }

  return (
    <div className="flex items-center gap-1">
      <span className="mr-2 hidden max-w-48 truncate text-sm text-zinc-600 md:inline" title={me.data.email ?? undefined}>
        {me.data.email}
      </span>
      <NavLink href="/dashboard">Dashboard</NavLink>
      {me.data.tier.name !== "pro" ? <NavLink href="/upgrade">Upgrade</NavLink> : null}
      <button
        type="button"
        className={buttonClass("ghost", "px-3")}
        disabled={signingOut}
        onClick={() => {
          setSigningOut(true);
          void signOut({ redirectTo: "/" }).catch(() => setSigningOut(false));
        }}
      >
        {signingOut ? "Signing out…" : "Sign out"}
      </button>
    </div>
  );
}
