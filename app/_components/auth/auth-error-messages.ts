/**
 * What Auth.js's error codes (`?error=` on the sign-in and error pages) mean to a person. Codes
 * we do not know fall back to a generic sentence; none of them says whether an email exists.
 */
const MESSAGES: Record<string, { title: string; message: string }> = {
  Configuration: {
    title: "Sign-in is not available right now",
    message: "Something is wrong on our side. Please try again in a few minutes.",
  },
  AccessDenied: {
    title: "Access denied",
    message: "That sign-in was not allowed. If you cancelled it, you can simply try again.",
  },
  Verification: {
    title: "This sign-in link has expired",
    message: "The link was already used or is too old. Please sign in again.",
  },
  OAuthAccountNotLinked: {
    title: "Use your usual sign-in method",
    message:
      "An account with this email already exists with another sign-in method. Sign in the way you did before; for safety we do not link accounts automatically.",
  },
  OAuthSignInError: {
    title: "Could not start the sign-in",
    message: "We could not reach the sign-in provider. Please try again.",
  },
  OAuthCallbackError: {
    title: "The sign-in did not complete",
    message: "The sign-in provider did not confirm who you are. Please try again.",
  },
  CallbackRouteError: {
    title: "The sign-in did not complete",
    message: "Something went wrong while signing you in. Please try again.",
  },
  MissingCSRF: {
    title: "Your sign-in form expired",
    message: "Please reload the page and try again.",
  },
};

const FALLBACK = { title: "Sign-in failed", message: "Something went wrong while signing you in. Please try again." };

export function authErrorMessage(code: string | undefined): { title: string; message: string } {
  return code && Object.hasOwn(MESSAGES, code) ? MESSAGES[code]! : FALLBACK;
}
