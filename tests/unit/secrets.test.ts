import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { parse } from "pg-connection-string";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, loadSecretsIntoEnv, secretsManagerFetcher } from "~/core/secrets";
import { startFakeSecretsManager, type FakeSecretsManager } from "../fakes/secrets-manager";

const ARN = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/${name}-AbCdEf`;
const rdsSecret = (password: string) =>
  JSON.stringify({ engine: "postgres", username: "framepicker", password, host: "db.cluster.internal", port: 5432, dbname: "framepicker" });

let fake: FakeSecretsManager;
beforeAll(async () => {
  fake = await startFakeSecretsManager();
});
afterAll(() => fake.stop());

const client = () =>
  new SecretsManagerClient({ region: "eu-west-1", endpoint: fake.endpoint, credentials: { accessKeyId: "test", secretAccessKey: "test" } });

describe("database URL from an RDS secret", () => {
  it("survives a generated password full of punctuation, as pg reads it", () => {
    const password = "p%a:s/s@w#o?r&d=+ ~!$^*()[]{}|;,.<>";
    const url = databaseUrl(rdsSecret(password), { DATABASE_HOST: "fp-prod.proxy-abc.eu-west-1.rds.amazonaws.com" });
    const parsed = parse(url);
    expect(parsed).toMatchObject({
      user: "framepicker",
      password,
      host: "fp-prod.proxy-abc.eu-west-1.rds.amazonaws.com",
      port: "5432",
      database: "framepicker",
    });
    // verify-full by default: TLS with the certificate checked against Node's CAs.
    expect(parsed.ssl).toBeTruthy();
    expect(parse(databaseUrl(rdsSecret("x"), { DATABASE_SSLMODE: "disable" })).ssl).toBe(false);
  });

  it("names the missing field of a malformed secret", () => {
    expect(() => databaseUrl(JSON.stringify({ username: "u", host: "h" }))).toThrow(/no password/);
    expect(() => databaseUrl("not json")).toThrow(/DATABASE_SECRET_ARN is not JSON/);
  });
});

describe("loadSecretsIntoEnv", () => {
  it("reads every ARN through the SDK and sets the app's variables", async () => {
    fake.secrets.set(ARN("db"), rdsSecret("s3cr3t"));
    fake.secrets.set(ARN("auth"), "a-very-long-random-auth-secret-of-44-characters");
    fake.secrets.set(ARN("stripe"), JSON.stringify({ STRIPE_SECRET_KEY: "sk_live_1", STRIPE_WEBHOOK_SECRET: "whsec_1" }));
    const env: Record<string, string | undefined> = {
      DATABASE_SECRET_ARN: ARN("db"),
      DATABASE_HOST: "proxy.internal",
      AUTH_SECRET_ARN: ARN("auth"),
      STRIPE_SECRET_ARN: ARN("stripe"),
    };
    fake.requests.length = 0;

    const names = await loadSecretsIntoEnv(env, secretsManagerFetcher(client()));

    expect(names.sort()).toEqual(["AUTH_SECRET", "DATABASE_URL", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]);
    expect(env.DATABASE_URL).toBe("postgres://framepicker:s3cr3t@proxy.internal:5432/framepicker?sslmode=verify-full");
    expect(env.AUTH_SECRET).toBe("a-very-long-random-auth-secret-of-44-characters");
    expect(env).toMatchObject({ STRIPE_SECRET_KEY: "sk_live_1", STRIPE_WEBHOOK_SECRET: "whsec_1" });
    expect(env.STRIPE_PRICE_MONTHLY).toBeUndefined();
    expect(fake.requests.sort()).toEqual(
      [ARN("auth"), ARN("db"), ARN("stripe")].map((arn) => `secretsmanager.GetSecretValue ${arn}`),
    );
  });

  it("does nothing, and calls nothing, when no ARN is configured (local runs)", async () => {
    const env = { DATABASE_URL: "postgres://localhost/x" };
    const names = await loadSecretsIntoEnv(env, () => Promise.reject(new Error("must not be called")));
    expect(names).toEqual([]);
    expect(env).toEqual({ DATABASE_URL: "postgres://localhost/x" });
  });

  it("refuses a value set both plainly and through a secret", async () => {
    const env = { AUTH_SECRET_ARN: ARN("auth"), AUTH_SECRET: "plain" };
    await expect(loadSecretsIntoEnv(env, () => Promise.resolve("x"))).rejects.toThrow(
      /AUTH_SECRET_ARN is set, and so is AUTH_SECRET/,
    );
  });

  it("names the variable and the ARN when Secrets Manager refuses", async () => {
    const env: Record<string, string | undefined> = { AUTH_SECRET_ARN: ARN("missing") };
    await expect(loadSecretsIntoEnv(env, secretsManagerFetcher(client()))).rejects.toThrow(
      `could not read AUTH_SECRET_ARN (${ARN("missing")}) from Secrets Manager: Secrets Manager can't find the specified secret.`,
    );
    expect(env.AUTH_SECRET).toBeUndefined();
  });

  it("takes only known keys from a JSON secret", async () => {
    const env: Record<string, string | undefined> = { STRIPE_SECRET_ARN: ARN("stripe") };
    const secret = JSON.stringify({ STRIPE_SECRET_KEY: "sk", NODE_OPTIONS: "--require /tmp/evil.js" });
    await expect(loadSecretsIntoEnv(env, () => Promise.resolve(secret))).rejects.toThrow(/keys this app does not read: NODE_OPTIONS/);
    expect(env.NODE_OPTIONS).toBeUndefined();
    expect(env.STRIPE_SECRET_KEY).toBeUndefined();
  });
});
