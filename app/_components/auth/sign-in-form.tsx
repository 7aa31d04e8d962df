"use client";

import { useState, type FormEvent } from "react";
import type { OAuthProviderId } from "~/server/auth/oauth-providers";
import { buttonClass } from "../ui/button-styles";
import type { FieldErrors } from "../api/api-errors";
import { FormAlert } from "./form-alert";
import { OAuthButtons } from "./oauth-buttons";
import { passwordSignIn } from "./password-sign-in";
import { EmailField } from "./email-field";
import { HydratedForm } from "./hydrated-form";
import { PasswordField } from "./password-field";

export function SignInForm({
  callbackPath,
  oauthProviders,
  initialError,
}: {
  callbackPath: string;
  oauthProviders: OAuthProviderId[];
  initialError?: string;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(initialError ?? null);
  const [pending, setPending] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: FieldErrors = {
      ...(email.trim() ? {} : { email: ["Enter your email address."] }),
      ...(password ? {} : { password: ["Enter your password."] }),
    };
    setFieldErrors(missing);
    setError(null);
    if (Object.keys(missing).length > 0) return;
    setPending(true);
    const failure = await passwordSignIn(email, password);
    if (failure) {
      setError(failure);
      setPending(false);
      return;
    }
    // A full page load: every part of the page (header, queries) starts over as the account.
    window.location.assign(callbackPath);
  }

  return (
    <div className="space-y-6">
      <OAuthButtons providers={oauthProviders} callbackPath={callbackPath} />
      <HydratedForm onSubmit={submit}>
        <EmailField value={email} onChange={setEmail} errors={fieldErrors.email} />
        <PasswordField autoComplete="current-password" value={password} onChange={setPassword} errors={fieldErrors.password} />
        {error ? <FormAlert>{error}</FormAlert> : null}
        <button type="submit" className={buttonClass("primary", "w-full py-2.5 text-base")} disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </HydratedForm>
    </div>
  );
}
