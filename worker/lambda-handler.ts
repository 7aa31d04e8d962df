import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Context, SQSEvent } from "aws-lambda";
import { loadSecretsIntoEnv } from "~/core/secrets";
import * as worker from "./handler";
import { applyArtefactDefaults } from "./lambda-defaults";

/**
 * The worker Lambda's entry point: what scripts/build/worker.ts bundles as handler.mjs. Before
 * the first event it points the worker at the files inside the artefact and reads the secrets
 * named by *_SECRET_ARN (core/secrets.ts); then it hands over to worker/handler.ts, unchanged.
 * Handlers: handler.handler (both job queues), handler.deadLetterHandler, handler.retentionHandler.
 */

applyArtefactDefaults(path.dirname(fileURLToPath(import.meta.url)));

let ready: Promise<void> | undefined;

/** Once per container; a failure (Secrets Manager unreachable) is retried by the next event. */
function coldStart(): Promise<void> {
  ready ??= loadSecretsIntoEnv().then(
    (names) => {
      if (names.length > 0) console.log(`configuration from Secrets Manager: ${names.join(", ")}`);
    },
    (error: unknown) => {
      ready = undefined;
      throw error;
    },
  );
  return ready;
}

export async function handler(event: SQSEvent, context: Context) {
  await coldStart();
  return worker.handler(event, context);
}

export async function deadLetterHandler(event: SQSEvent) {
  await coldStart();
  return worker.deadLetterHandler(event);
}

export async function retentionHandler() {
  await coldStart();
  return worker.retentionHandler();
}
