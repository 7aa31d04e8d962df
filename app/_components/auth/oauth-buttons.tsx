"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { OAUTH_PROVIDER_NAMES, type OAuthProviderId } from "~/server/auth/oauth-providers";
import { buttonClass } from "../ui/button-styles";

/** One button per configured OAuth provider; absent when none is configured. */
export function OAuthButtons({ providers, callbackPath }: { providers: OAuthProviderId[]; callbackPath: string }) {
  const [pending, setPending] = useState<OAuthProviderId | null>(null);
  if (providers.length === 0) return null;
  return (
    <div className="space-y-3">
      {providers.map((id) => (
        <button
          key={id}
          type="button"
          className={buttonClass("secondary", "w-full py-2.5")}
          disabled={pending !== null}
          onClick={() => {
            setPending(id);
            // Navigates away to the provider; on failure Auth.js brings the user back with ?error=.
            void signIn(id, { redirectTo: callbackPath }).catch(() => setPending(null));
          }}
        >
          {pending === id ? `Opening ${OAUTH_PROVIDER_NAMES[id]}…` : `Continue with ${OAUTH_PROVIDER_NAMES[id]}`}
        </button>
      ))}
      <div className="flex items-center gap-3 py-1 text-xs font-medium tracking-wide text-zinc-500 uppercase" aria-hidden="true">
        <span className="h-px flex-1 bg-zinc-200" />
        or with email
        <span className="h-px flex-1 bg-zinc-200" />
      </div>
    </div>
  );
}
