import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Where `npm run build:web` (scripts/build/web.ts) leaves the OpenNext output. */
export const OPEN_NEXT_DIR = path.join(repoRoot, ".open-next");

export interface BuiltServerFunction {
  dir: string;
  /** The Lambda handler module: `index.handler` in the function's configuration. */
  handlerFile: string;
}

/** The built server function, or an error that says how to build it. */
export function builtServerFunction(): BuiltServerFunction {
  const dir = path.join(OPEN_NEXT_DIR, "server-functions", "default");
  const handlerFile = path.join(dir, "index.mjs");
  if (!existsSync(handlerFile)) {
    throw new Error(
      `No OpenNext build at ${path.relative(repoRoot, handlerFile)}: run \`npm run build:web\` first (the deploy test step does).`,
    );
  }
  return { dir, handlerFile };
}
