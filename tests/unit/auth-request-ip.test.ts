import { describe, expect, it } from "vitest";
import { clientIp } from "~/server/auth/request-ip";

describe("the client IP used for rate limiting", () => {
  it("prefers CloudFront's viewer address, without the port", () => {
    expect(clientIp(new Headers({ "cloudfront-viewer-address": "203.0.113.7:46532", "x-forwarded-for": "1.1.1.1" }))).toBe(
      "203.0.113.7",
    );
    expect(clientIp(new Headers({ "cloudfront-viewer-address": "2001:db8::1:46532" }))).toBe("2001:db8::1");
    expect(clientIp(new Headers({ "cloudfront-viewer-address": "[2001:db8::1]:46532" }))).toBe("2001:db8::1");
  });

  it("then the first X-Forwarded-For hop, then X-Real-IP", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": " 198.51.100.4 , 10.0.0.1", "x-real-ip": "9.9.9.9" }))).toBe(
      "198.51.100.4",
    );
    expect(clientIp(new Headers({ "x-real-ip": "9.9.9.9" }))).toBe("9.9.9.9");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});
