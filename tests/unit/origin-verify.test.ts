import { describe, expect, it } from "vitest";
import { cameThroughCdn, ORIGIN_VERIFY_HEADER } from "~/server/origin-verify";

const secret = "s".repeat(48);

describe("requests reaching the web function", () => {
  it("are all accepted when no origin secret is configured (local development)", () => {
    expect(cameThroughCdn(new Headers(), undefined)).toBe(true);
  });

  it("need CloudFront's header with exactly the secret when one is configured", () => {
    expect(cameThroughCdn(new Headers({ [ORIGIN_VERIFY_HEADER]: secret }), secret)).toBe(true);
    expect(cameThroughCdn(new Headers(), secret)).toBe(false);
    expect(cameThroughCdn(new Headers({ [ORIGIN_VERIFY_HEADER]: "" }), secret)).toBe(false);
    expect(cameThroughCdn(new Headers({ [ORIGIN_VERIFY_HEADER]: `${secret}x` }), secret)).toBe(false);
    expect(cameThroughCdn(new Headers({ [ORIGIN_VERIFY_HEADER]: secret.slice(1) }), secret)).toBe(false);
    expect(cameThroughCdn(new Headers({ [ORIGIN_VERIFY_HEADER]: `t${secret.slice(1)}` }), secret)).toBe(false);
  });
});
