import { signIn } from "next-auth/react";
import { signInFailureMessage } from "~/server/auth/sign-in-codes";
import { authErrorMessage } from "./auth-error-messages";

/**
 * Signs in with email + password through Auth.js without leaving the page, so the form can
 * show what went wrong. Resolves to null on success, else the sentence to show.
 */
export async function passwordSignIn(email: string, password: string): Promise<string | null> {
  try {
    const result = await signIn("credentials", { email, password, redirect: false });
    if (!result) return authErrorMessage(undefined).message;
    if (!result.error) return null;
    if (result.error === "CredentialsSignin") return signInFailureMessage(result.code);
    return authErrorMessage(result.error).message;
  } catch {
    return "We could not reach the server. Check your connection and try again.";
  }
}
