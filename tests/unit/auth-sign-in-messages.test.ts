import { describe, expect, it } from "vitest";
import { authErrorMessage } from "~/app/_components/auth/auth-error-messages";
import {
  INVALID_CREDENTIALS_CODE,
  INVALID_CREDENTIALS_MESSAGE,
  rateLimitedCode,
  signInFailureMessage,
} from "~/server/auth/sign-in-codes";

describe("what a failed sign-in tells the user", () => {
  it("says the same thing for any credentials failure, and the wait when rate limited", () => {
    expect(signInFailureMessage(INVALID_CREDENTIALS_CODE)).toBe("Email or password is incorrect.");
    expect(signInFailureMessage(undefined)).toBe(INVALID_CREDENTIALS_MESSAGE);
    expect(signInFailureMessage("credentials")).toBe(INVALID_CREDENTIALS_MESSAGE);
    expect(signInFailureMessage(rateLimitedCode(12))).toBe("Too many attempts. Try again in 12 minutes.");
    expect(signInFailureMessage(rateLimitedCode(1))).toBe("Too many attempts. Try again in 1 minute.");
    // A tampered code in the URL falls back to the generic sentence.
    expect(signInFailureMessage("rate_limited_soon")).toBe(INVALID_CREDENTIALS_MESSAGE);
    expect(signInFailureMessage("rate_limited_-3")).toBe(INVALID_CREDENTIALS_MESSAGE);
  });

  it("explains Auth.js error codes, and never echoes an unknown one", () => {
    expect(authErrorMessage("OAuthAccountNotLinked").message).toMatch(/already exists with another sign-in method/);
    expect(authErrorMessage("Configuration").title).toBe("Sign-in is not available right now");
    for (const odd of [undefined, "", "<script>", "toString", "__proto__"]) {
      expect(authErrorMessage(odd)).toEqual({
        title: "Sign-in failed",
        message: "Something went wrong while signing you in. Please try again.",
      });
    }
  });
});
