import { describe, expect, it } from "vitest";
import { newVisitorId, readCookie, serializeVisitorCookie, signVisitorId, verifyVisitorCookie } from "~/server/identity";

const secret = "a-test-secret-that-is-long-enough-1234567890";

describe("visitor identity cookie", () => {
  it("round-trips an id the server signed", async () => {
    const id = newVisitorId();
    expect(await verifyVisitorCookie(await signVisitorId(id, secret), secret)).toBe(id);
  });

  it("rejects a forged, altered or foreign cookie", async () => {
    const id = newVisitorId();
    const signed = await signVisitorId(id, secret);
    const otherId = newVisitorId();
    // Someone else's id with this cookie's signature.
    expect(await verifyVisitorCookie(`${otherId}${signed.slice(id.length)}`, secret)).toBeNull();
    // Signed with another secret.
    expect(await verifyVisitorCookie(await signVisitorId(id, `${secret}x`), secret)).toBeNull();
    expect(await verifyVisitorCookie(id, secret)).toBeNull();
    expect(await verifyVisitorCookie("not-a-uuid.abc", secret)).toBeNull();
    expect(await verifyVisitorCookie(undefined, secret)).toBeNull();
  });

  it("is httpOnly and SameSite=Lax, Secure only over https", () => {
    expect(serializeVisitorCookie("v", true)).toMatch(/HttpOnly; SameSite=Lax; Secure$/);
    expect(serializeVisitorCookie("v", false)).not.toContain("Secure");
    expect(readCookie("a=1; fp_visitor=xyz.abc; b=2", "fp_visitor")).toBe("xyz.abc");
  });
});
