"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";

/** Opens the Stripe Customer Portal (the browser leaves the site; the Portal returns to the dashboard). */
export function usePortal() {
  const trpc = useTRPC();
  return useMutation(
    trpc.billing.portal.mutationOptions({
      onSuccess: ({ url }) => window.location.assign(url),
    }),
  );
}
