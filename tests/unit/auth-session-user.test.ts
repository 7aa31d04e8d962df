import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionUserIdFromHeaders } from "~/server/auth/session-user";

const secret = "a-test-secret-that-is-long-enough-1234567890";

async function sessionCookie(name: string, sub: string, opts: { secret?: string; maxAge?: number } = {}) {
  const token = await encode({ token: { sub }, secret: opts.secret ?? secret, salt: name, maxAge: opts.maxAge });
  return `${name}=${token}`;
}

describe("the signed-in user from a request's session cookie", () => {
  it("reads the user id Auth.js put in the session JWT, over http and https", async () => {
    const plain = await sessionCookie("authjs.session-token", "user-1");
    expect(await sessionUserIdFromHeaders(new Headers({ cookie: `fp_visitor=x; ${plain}` }), secret)).toBe("user-1");
    const secure = await sessionCookie("__Secure-authjs.session-token", "user-2");
    expect(await sessionUserIdFromHeaders(new Headers({ cookie: secure }), secret)).toBe("user-2");
  });

  it("is null without a cookie, with a forged or expired token, or with only a bearer header", async () => {
    expect(await sessionUserIdFromHeaders(new Headers(), secret)).toBeNull();
    const forged = await sessionCookie("authjs.session-token", "user-1", { secret: `${secret}-other` });
    expect(await sessionUserIdFromHeaders(new Headers({ cookie: forged }), secret)).toBeNull();
    const expired = await sessionCookie("authjs.session-token", "user-1", { maxAge: -60 });
    expect(await sessionUserIdFromHeaders(new Headers({ cookie: expired }), secret)).toBeNull();
    const token = (await sessionCookie("authjs.session-token", "user-1")).split("=")[1]!;
    expect(await sessionUserIdFromHeaders(new Headers({ authorization: `Bearer ${token}` }), secret)).toBeNull();
  });
});
