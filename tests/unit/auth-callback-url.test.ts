import { describe, expect, it } from "vitest";
import { safeCallbackPath, withCallback } from "~/app/_components/auth/safe-callback";

describe("the ?callbackUrl after signing in", () => {
  it("keeps paths on this site, query and hash included", () => {
    expect(safeCallbackPath("/dashboard")).toBe("/dashboard");
    expect(safeCallbackPath("/videos?job=42#frames")).toBe("/videos?job=42#frames");
    expect(safeCallbackPath(["/upgrade", "/other"])).toBe("/upgrade");
  });

  it("sends anything that could leave the site, or loop, to the dashboard", () => {
    for (const bad of [
      undefined,
      null,
      "",
      "https://evil.example/",
      "//evil.example/path",
      "/\\evil.example",
      "javascript:alert(1)",
      "dashboard",
      "/\tevil",
      "/sign-in?callbackUrl=%2Fdashboard",
      "/sign-up",
      "/auth/error?error=Configuration",
    ]) {
      expect(safeCallbackPath(bad)).toBe("/dashboard");
    }
    // Paths that merely start like an auth page are fine.
    expect(safeCallbackPath("/sign-ins-report")).toBe("/sign-ins-report");
  });

  it("links between sign-in and sign-up keep a non-default callback", () => {
    expect(withCallback("/sign-up", "/dashboard")).toBe("/sign-up");
    expect(withCallback("/sign-in", "/videos?job=1")).toBe("/sign-in?callbackUrl=%2Fvideos%3Fjob%3D1");
  });
});
