import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function randomAuthSecret(): string {
  return randomBytes(33).toString("base64url");
}

/** The dev signing secret, generated once and kept, so sessions survive restarts of `npm run dev`. */
export function ensureAuthSecret(file: string): string {
  if (fs.existsSync(file)) {
    const kept = fs.readFileSync(file, "utf8").trim();
    if (kept.length >= 32) return kept;
  }
  const secret = randomAuthSecret();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
