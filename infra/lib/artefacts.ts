import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { readOpenNextBuild, type OpenNextBuild } from "./open-next-output";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const FIXTURES_DIR = path.join(REPO_ROOT, "infra", "test", "fixtures");

/** Where the builds land by default (`npx open-next build`, scripts/build/worker.ts). */
const DEFAULTS = {
  openNext: path.join(REPO_ROOT, ".open-next"),
  worker: path.join(REPO_ROOT, ".build", "worker"),
  migrate: path.join(REPO_ROOT, ".build", "migrate"),
};
const FIXTURES = {
  openNext: path.join(FIXTURES_DIR, "open-next"),
  worker: path.join(FIXTURES_DIR, "worker"),
  migrate: path.join(FIXTURES_DIR, "migrate"),
};

/** Lambda handler strings: the worker artefact has three entry points, the migration artefact one. */
export const WORKER_HANDLERS = {
  jobs: "handler.handler",
  deadLetters: "handler.deadLetterHandler",
  retention: "handler.retentionHandler",
} as const;
export const MIGRATE_HANDLER = "handler.handler";
/** The architecture the functions run on; the artefacts' native binaries (ffmpeg, sharp) must match. */
export const LAMBDA_ARCH = "arm64";

export interface Artefacts {
  /** "fixtures" means placeholder code: fine for synth and tests, never for a deploy. */
  source: "build" | "fixtures";
  openNext: OpenNextBuild;
  workerDir: string;
  /** The migration handler with db/migrations beside it. */
  migrateDir: string;
}

export interface ArtefactOptions {
  /** Use infra/test/fixtures for every artefact (`-c artefacts=fixtures`). */
  fixtures: boolean;
  /** Overrides: `-c openNextDir=…` / OPEN_NEXT_DIR, `-c workerDir=…` / WORKER_DIR, `-c migrateDir=…` / MIGRATE_DIR. */
  openNextDir?: string;
  workerDir?: string;
  migrateDir?: string;
}

/** build-info.json, which the packaging script writes next to each bundle. */
const buildInfoSchema = z.looseObject({ arch: z.string().optional(), handlers: z.array(z.string()).optional() });

/**
 * Checks a Lambda bundle directory: the handler modules exist and, when the packaging step left a
 * build-info.json, it was built for the functions' architecture and lists the handlers used here.
 */
export function checkBundle(dir: string, handlers: readonly string[], what: string): void {
  if (!fs.existsSync(dir)) throw new Error(`No ${what} at ${dir}: run the worker packaging step (scripts/build/worker.ts) first.`);
  for (const handler of handlers) {
    const file = handler.slice(0, handler.lastIndexOf("."));
    if (![".mjs", ".js", ".cjs"].some((ext) => fs.existsSync(path.join(dir, file + ext)))) {
      throw new Error(`The ${what} at ${dir} has no ${file}.mjs (for the Lambda handler ${handler}).`);
    }
  }
  const infoFile = path.join(dir, "build-info.json");
  if (!fs.existsSync(infoFile)) return;
  const info = buildInfoSchema.parse(JSON.parse(fs.readFileSync(infoFile, "utf8")));
  if (info.arch && info.arch !== LAMBDA_ARCH) {
    throw new Error(`The ${what} at ${dir} was built for ${info.arch}; the functions run on ${LAMBDA_ARCH}.`);
  }
  const missing = handlers.filter((h) => info.handlers && !info.handlers.includes(h));
  if (missing.length > 0) throw new Error(`The ${what} at ${dir} does not list the handlers ${missing.join(", ")} in build-info.json.`);
}

export function resolveArtefacts(options: ArtefactOptions): Artefacts {
  const base = options.fixtures ? FIXTURES : DEFAULTS;
  const dir = (override: string | undefined, fallback: string) => path.resolve(REPO_ROOT, override ?? fallback);
  const openNextDir = dir(options.openNextDir, base.openNext);
  const workerDir = dir(options.workerDir, base.worker);
  const migrateDir = dir(options.migrateDir, base.migrate);
  try {
    const openNext = readOpenNextBuild(openNextDir);
    checkBundle(workerDir, Object.values(WORKER_HANDLERS), "worker artefact");
    checkBundle(migrateDir, [MIGRATE_HANDLER], "migration artefact");
    return { source: options.fixtures ? "fixtures" : "build", openNext, workerDir, migrateDir };
  } catch (error) {
    const hint = options.fixtures
      ? ""
      : "\n(To synthesize without builds, pass -c artefacts=fixtures: placeholder code, never deploy it.)";
    throw new Error(`${(error as Error).message}${hint}`);
  }
}
