import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * `.open-next/open-next.output.json` as @opennextjs/aws 4.1.12 writes it (build/generateOutput.js):
 * the origins (S3 assets, image optimiser, server function) and the CloudFront behaviours that
 * route to them. The package exports no type for it, so the shape is checked here.
 */
const functionOrigin = z.looseObject({
  type: z.literal("function"),
  handler: z.string(),
  bundle: z.string(),
  streaming: z.boolean().optional(),
  wrapper: z.string().optional(),
  converter: z.string().optional(),
  queue: z.string().optional(),
  incrementalCache: z.string().optional(),
  tagCache: z.string().optional(),
});

const s3Origin = z.looseObject({
  type: z.literal("s3"),
  originPath: z.string(),
  copy: z.array(
    z.looseObject({ from: z.string(), to: z.string(), cached: z.boolean(), versionedSubDir: z.string().optional() }),
  ),
});

const outputSchema = z.looseObject({
  edgeFunctions: z.record(z.string(), z.unknown()),
  origins: z.looseObject({ s3: s3Origin, imageOptimizer: functionOrigin, default: functionOrigin }).catchall(z.unknown()),
  behaviors: z.array(z.looseObject({ pattern: z.string(), origin: z.string().optional(), edgeFunction: z.string().optional() })),
  additionalProps: z
    .looseObject({ disableIncrementalCache: z.boolean().optional(), disableTagCache: z.boolean().optional() })
    .optional(),
});

export type FunctionOrigin = z.infer<typeof functionOrigin>;
export type OpenNextOutput = z.infer<typeof outputSchema>;

export interface OpenNextBuild {
  /** The `.open-next` directory the output came from. */
  dir: string;
  output: OpenNextOutput;
  /** Absolute path of a bundle or copy source named in the output (which names them `.open-next/…`). */
  resolve(relative: string): string;
  /** Whether the server function reads and writes the S3 incremental cache (`_cache/` in the assets bucket). */
  usesIncrementalCache: boolean;
}

/** The origins this CDK app knows how to serve; anything else fails synth with the reason. */
const SUPPORTED_ORIGINS = new Set(["s3", "imageOptimizer", "default"]);

export function readOpenNextBuild(dir: string): OpenNextBuild {
  const file = path.join(dir, "open-next.output.json");
  if (!fs.existsSync(file)) {
    throw new Error(`No OpenNext build output at ${file}: run \`npx open-next build\` first.`);
  }
  const parsed = outputSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(`${file} is not an @opennextjs/aws 4.x output:\n${z.prettifyError(parsed.error)}`);
  }
  const output = parsed.data;
  const problems: string[] = [];
  if (Object.keys(output.edgeFunctions).length > 0) {
    problems.push("edge functions (external middleware) are not deployed by this app: keep middleware in the server function");
  }
  for (const name of Object.keys(output.origins)) {
    if (!SUPPORTED_ORIGINS.has(name)) problems.push(`origin "${name}" (split functions) is not deployed by this app`);
  }
  for (const b of output.behaviors) {
    if (b.origin && !SUPPORTED_ORIGINS.has(b.origin)) problems.push(`behaviour ${b.pattern} routes to unknown origin "${b.origin}"`);
  }
  const server = output.origins.default;
  const tagCacheOff = output.additionalProps?.disableTagCache === true || server.tagCache === "dummy";
  const usesIncrementalCache = output.additionalProps?.disableIncrementalCache !== true && server.incrementalCache !== "dummy";
  if (!tagCacheOff) {
    problems.push(
      `the tag cache is "${server.tagCache ?? "dynamodb"}", and no DynamoDB table is deployed: set dangerous.disableTagCache or override tagCache "dummy" in open-next.config.ts`,
    );
  }
  if (usesIncrementalCache && server.incrementalCache !== "s3" && server.incrementalCache !== "s3-lite") {
    problems.push(`incremental cache "${server.incrementalCache}" is not supported (use "s3", or disable it)`);
  }
  if (problems.length > 0) throw new Error(`Cannot deploy the OpenNext build in ${dir}:\n  - ${problems.join("\n  - ")}`);

  const resolve = (relative: string) => {
    const inside = relative.replace(/^\.open-next\/?/, "");
    const absolute = path.join(dir, inside);
    if (!fs.existsSync(absolute)) throw new Error(`${relative} is named in ${file} but ${absolute} does not exist`);
    return absolute;
  };
  return { dir, output, resolve, usesIncrementalCache };
}
