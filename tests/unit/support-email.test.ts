import { afterEach, describe, expect, it, vi } from "vitest";
import { supportEmail } from "../../core/support-email";

describe("the address the contact page gives", () => {
  it("is SUPPORT_EMAIL when set, support@ the site's host otherwise", () => {
    expect(supportEmail({ SUPPORT_EMAIL: "help@frames.example.org", APP_URL: "https://frames.example.org" })).toBe("help@frames.example.org");
    expect(supportEmail({ SUPPORT_EMAIL: undefined, APP_URL: "https://frames.example.org:8443" })).toBe("support@frames.example.org");
  });
});

describe("SUPPORT_EMAIL in the web app's environment", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("is refused at start-up when it is not an email address, by name", async () => {
    vi.stubEnv("SKIP_ENV_VALIDATION", "");
    vi.stubEnv("DATABASE_URL", "postgres://u:p@127.0.0.1:5432/db");
    vi.stubEnv("UPLOADS_BUCKET", "uploads");
    vi.stubEnv("FRAMES_BUCKET", "frames");
    vi.stubEnv("JOBS_QUEUE_URL", "http://127.0.0.1:1/q");
    vi.stubEnv("JOBS_PRIORITY_QUEUE_URL", "http://127.0.0.1:1/p");
    vi.stubEnv("AUTH_SECRET", "x".repeat(40));
    vi.stubEnv("SUPPORT_EMAIL", "support");
    const { webEnv } = await import("../../core/env");
    expect(() => webEnv()).toThrow(/SUPPORT_EMAIL: SUPPORT_EMAIL must be an email address/);
  });
});
