import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

/**
 * In AWS the Lambdas get secret ARNs, never secret values, in their environment (nothing secret in
 * plain env vars or the CloudFormation template). At cold start, before core/env.ts validates
 * anything, `loadSecretsIntoEnv` reads each ARN from Secrets Manager and sets the env vars the app
 * already knows. Locally no *_SECRET_ARN is set and this does nothing.
 *
 *   DATABASE_SECRET_ARN  RDS-style JSON {username, password, host, port, dbname} → DATABASE_URL.
 *                        DATABASE_HOST overrides the host (the RDS Proxy endpoint; the secret holds
 *                        the instance's); DATABASE_SSLMODE sets sslmode (default verify-full: RDS
 *                        Proxy presents an ACM certificate that Node's default CAs trust).
 *   AUTH_SECRET_ARN      plain string → AUTH_SECRET.
 *   ORIGIN_VERIFY_SECRET_ARN  plain string → ORIGIN_VERIFY_SECRET (the header CloudFront adds).
 *   STRIPE_SECRET_ARN    JSON → STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_PRICE_MONTHLY/YEARLY.
 *   OAUTH_SECRET_ARN     JSON → AUTH_GITHUB_ID/SECRET, AUTH_GOOGLE_ID/SECRET.
 */

type Env = Record<string, string | undefined>;

interface SecretSource {
  arnVar: string;
  /** The env vars this secret may set; also what a plain value would conflict with. */
  sets: readonly string[];
  toEnv(secret: string, env: Env): Record<string, string>;
}

const SOURCES: readonly SecretSource[] = [
  { arnVar: "DATABASE_SECRET_ARN", sets: ["DATABASE_URL"], toEnv: (s, env) => ({ DATABASE_URL: databaseUrl(s, env) }) },
  { arnVar: "AUTH_SECRET_ARN", sets: ["AUTH_SECRET"], toEnv: (s) => ({ AUTH_SECRET: s }) },
  { arnVar: "ORIGIN_VERIFY_SECRET_ARN", sets: ["ORIGIN_VERIFY_SECRET"], toEnv: (s) => ({ ORIGIN_VERIFY_SECRET: s }) },
  jsonSource("STRIPE_SECRET_ARN", ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_MONTHLY", "STRIPE_PRICE_YEARLY"]),
  jsonSource("OAUTH_SECRET_ARN", ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET", "AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"]),
];

/** A JSON secret whose keys are env var names; only the listed ones are taken (no NODE_OPTIONS by accident). */
function jsonSource(arnVar: string, keys: readonly string[]): SecretSource {
  return {
    arnVar,
    sets: keys,
    toEnv(secret) {
      const object = parseJsonObject(secret, arnVar);
      const unknown = Object.keys(object).filter((k) => !keys.includes(k));
      if (unknown.length > 0) throw new Error(`the secret named by ${arnVar} has keys this app does not read: ${unknown.join(", ")} (expected some of ${keys.join(", ")})`);
      const out: Record<string, string> = {};
      for (const key of keys) {
        const value = object[key];
        if (value === undefined) continue;
        if (typeof value !== "string" || value === "") throw new Error(`the secret named by ${arnVar} has a non-string or empty ${key}`);
        out[key] = value;
      }
      return out;
    },
  };
}

function parseJsonObject(secret: string, arnVar: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    throw new Error(`the secret named by ${arnVar} is not JSON`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`the secret named by ${arnVar} is not a JSON object`);
  return parsed as Record<string, unknown>;
}

/** postgres:// URL from an RDS-managed secret; every part is URL-encoded (generated passwords carry punctuation). */
export function databaseUrl(secret: string, env: Env = {}): string {
  const s = parseJsonObject(secret, "DATABASE_SECRET_ARN");
  const field = (name: string): string => {
    const value = s[name];
    if (typeof value === "number") return String(value);
    if (typeof value !== "string" || value === "") throw new Error(`the secret named by DATABASE_SECRET_ARN has no ${name}`);
    return value;
  };
  const host = env.DATABASE_HOST || field("host");
  const port = s.port === undefined ? "5432" : field("port");
  const dbname = s.dbname === undefined ? "postgres" : field("dbname");
  const sslmode = env.DATABASE_SSLMODE || "verify-full";
  const e = encodeURIComponent;
  return `postgres://${e(field("username"))}:${e(field("password"))}@${host}:${port}/${e(dbname)}?sslmode=${e(sslmode)}`;
}

export type FetchSecret = (arn: string) => Promise<string>;

/** Reads a secret's string value with the AWS SDK (region and credentials from the Lambda's environment). */
export function secretsManagerFetcher(client: SecretsManagerClient = new SecretsManagerClient({})): FetchSecret {
  return async (arn) => {
    const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    if (out.SecretString === undefined) throw new Error(`secret ${arn} has no string value (binary secrets are not supported)`);
    return out.SecretString;
  };
}

/**
 * Resolves every *_SECRET_ARN present in `env` and writes the values into `env`. Returns the names
 * of the variables it set (never their values, so callers may log them). A variable set both
 * plainly and through an ARN is a configuration mistake and throws, naming both.
 */
export function loadSecretsIntoEnv(env: Env = process.env, fetchSecret?: FetchSecret): Promise<string[]> {
  // Once per environment: Next may run instrumentation for more than one runtime context in a
  // process, and a second pass would see the values it set as a plain/ARN clash.
  let loading = loaded.get(env);
  if (!loading) {
    loading = resolveSecrets(env, fetchSecret);
    loaded.set(env, loading);
    loading.catch(() => loaded.delete(env));
  }
  return loading;
}

const loaded = new WeakMap<Env, Promise<string[]>>();

async function resolveSecrets(env: Env, fetchSecret?: FetchSecret): Promise<string[]> {
  const wanted = SOURCES.filter((source) => env[source.arnVar]);
  if (wanted.length === 0) return [];
  for (const source of wanted) {
    const clash = source.sets.filter((name) => env[name] !== undefined && env[name] !== "");
    if (clash.length > 0) throw new Error(`${source.arnVar} is set, and so is ${clash.join(", ")}: set a value either plainly or through the secret, not both`);
  }
  const fetch = fetchSecret ?? secretsManagerFetcher();
  const resolved = await Promise.all(
    wanted.map(async (source) => {
      const arn = env[source.arnVar] ?? "";
      let secret: string;
      try {
        secret = await fetch(arn);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`could not read ${source.arnVar} (${arn}) from Secrets Manager: ${reason}`);
      }
      return source.toEnv(secret, env);
    }),
  );
  const names: string[] = [];
  for (const values of resolved) {
    for (const [name, value] of Object.entries(values)) {
      env[name] = value;
      names.push(name);
    }
  }
  return names;
}
