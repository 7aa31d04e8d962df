"use client";

import Link from "next/link";
import { useEffect } from "react";
import { buttonClass } from "./_components/ui/button-styles";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;

  return (
    <div role="alert" className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-3xl font-semibold tracking-tight text-zinc-900">Something went wrong</h1>
      <p className="mt-3 text-zinc-600">
        This page hit an unexpected problem. Your videos and jobs are safe; try again, or come back in a moment.
      </p>
      {digest ? <p className="mt-2 text-xs text-zinc-500">Reference: {digest}</p> : null}
      <div className="mt-8 flex justify-center gap-3">
        <button type="button" className={buttonClass("primary")} onClick={() => retry()}>
          Try again
        </button>
        <Link href="/videos" className={buttonClass("secondary")}>
          My videos
        </Link>
      </div>
    </div>
  );
}
