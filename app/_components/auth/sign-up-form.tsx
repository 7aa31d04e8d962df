"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import type { OAuthProviderId } from "~/server/auth/oauth-providers";
import { PASSWORD_MIN_LENGTH, signUpInput } from "~/server/services/account-inputs";
import { useTRPC } from "~/trpc/react";
import { errorCodeOf, errorMessageOf, fieldErrorsOf, type FieldErrors } from "../api/api-errors";
import { buttonClass } from "../ui/button-styles";
import { authLinkClass } from "./auth-card";
import { FormAlert } from "./form-alert";
import { OAuthButtons } from "./oauth-buttons";
import { passwordSignIn } from "./password-sign-in";
import { withCallback } from "./safe-callback";
import { EmailField } from "./email-field";
import { HydratedForm } from "./hydrated-form";
import { PasswordField } from "./password-field";

export function SignUpForm({ callbackPath, oauthProviders }: { callbackPath: string; oauthProviders: OAuthProviderId[] }) {
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [signInError, setSignInError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);

  // Server field errors show until the next submit; the client's own checks take precedence.
  const fieldErrors: FieldErrors = { ...fieldErrorsOf(signUp.error), ...clientErrors };
  const conflict = errorCodeOf(signUp.error) === "CONFLICT";
  const generalError = signUp.error ? errorMessageOf(signUp.error) : signInError;
  const pending = signUp.isPending || signingIn;

  function submit(e: FormEvent) {
    e.preventDefault();
    setSignInError(null);
    const parsed = signUpInput.safeParse({ email, password });
    if (!parsed.success) {
      signUp.reset();
      setClientErrors(z.flattenError(parsed.error).fieldErrors);
      return;
    }
    setClientErrors({});
    signUp.mutate(parsed.data, {
      onSuccess: async () => {
        setSigningIn(true);
        const failure = await passwordSignIn(parsed.data.email, parsed.data.password);
        if (failure) {
          setSignInError(`Your account was created, but signing in failed: ${failure}`);
          setSigningIn(false);
          return;
        }
        window.location.assign(callbackPath);
      },
    });
  }

  return (
    <div className="space-y-6">
      <OAuthButtons providers={oauthProviders} callbackPath={callbackPath} />
      <HydratedForm onSubmit={submit}>
        <EmailField value={email} onChange={setEmail} errors={fieldErrors.email} />
        <PasswordField
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          value={password}
          onChange={setPassword}
          errors={fieldErrors.password}
        />
        {generalError ? (
          <FormAlert>
            {generalError}
            {conflict ? (
              <>
                {" "}
                <Link href={withCallback("/sign-in", callbackPath)} className={authLinkClass}>
                  Go to sign in
                </Link>
              </>
            ) : null}
          </FormAlert>
        ) : null}
        <button type="submit" className={buttonClass("primary", "w-full py-2.5 text-base")} disabled={pending}>
          {signingIn ? "Signing you in…" : signUp.isPending ? "Creating account…" : "Create account"}
        </button>
      </HydratedForm>
    </div>
  );
}
