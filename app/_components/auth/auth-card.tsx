import type { ReactNode } from "react";

/** The frame shared by the sign-in, sign-up and auth error pages. */
export function AuthCard({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="mx-auto w-full max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{title}</h1>
      {subtitle ? <p className="mt-1 text-sm text-zinc-600">{subtitle}</p> : null}
      <div className="mt-6 rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8">{children}</div>
      {footer ? <p className="mt-6 text-center text-sm text-zinc-600">{footer}</p> : null}
    </div>
  );
}

/** Inline text link style for the auth pages. */
export const authLinkClass =
  "font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
