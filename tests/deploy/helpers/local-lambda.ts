import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";
import type { InvokeMessage, RuntimeMessage } from "./lambda-runtime";

/** What a streaming handler wrote: the stream's content type and its raw bytes. */
export interface StreamedInvocation {
  contentType: string;
  body: Buffer;
}

export interface LocalLambda {
  invoke(event: unknown): Promise<StreamedInvocation>;
  /** Everything the function printed so far (its CloudWatch log, locally). */
  logs(): string;
  stop(): Promise<void>;
}

const runtimeSource = path.join(path.dirname(fileURLToPath(import.meta.url)), "lambda-runtime.ts");
const LOG_TAIL_CHARS = 4000;

/** lambda-runtime.ts as plain JavaScript, so the function's process runs on Node alone (no tsx). */
async function compileRuntime(dir: string): Promise<string> {
  const { code } = await transform(await readFile(runtimeSource, "utf8"), { loader: "ts", format: "esm", target: "node20" });
  const file = path.join(dir, "lambda-runtime.mjs");
  await writeFile(file, code);
  return file;
}

/**
 * Starts a Lambda-like Node process for a built handler (`index.mjs` exporting `handler`) with
 * exactly the given environment, as Lambda would: nothing inherited from the test process.
 * Resolves once the module has loaded (its cold start); rejects with its output if loading fails.
 */
export async function startLocalLambda(opts: { handlerFile: string; env: NodeJS.ProcessEnv }): Promise<LocalLambda> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "frame-picker-local-lambda-"));
  const runtime = await compileRuntime(tmp);
  const child: ChildProcess = spawn(process.execPath, [runtime, opts.handlerFile], {
    cwd: path.dirname(opts.handlerFile),
    env: opts.env,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const tail = () => output.slice(-LOG_TAIL_CHARS);

  const pending = new Map<number, { resolve(r: StreamedInvocation): void; reject(e: Error): void }>();
  let ready: { resolve(): void; reject(e: Error): void } | undefined;
  const started = new Promise<void>((resolve, reject) => (ready = { resolve, reject }));

  child.on("message", (message: RuntimeMessage) => {
    if (message.type === "ready") ready?.resolve();
    else if (message.type === "init-error") ready?.reject(new Error(`The function failed to load:\n${message.message}\n--- output ---\n${tail()}`));
    else {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.type === "result") waiter?.resolve({ contentType: message.contentType, body: Buffer.from(message.body, "base64") });
      else waiter?.reject(new Error(`The handler failed:\n${message.message}\n--- output ---\n${tail()}`));
    }
  });
  child.once("exit", (code, signal) => {
    const error = new Error(`The function's process exited (${signal ?? code}):\n${tail()}`);
    ready?.reject(error);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(tmp, { recursive: true, force: true });
  };

  try {
    await started;
  } catch (error) {
    await stop();
    throw error;
  }

  let nextId = 1;
  return {
    invoke(event) {
      const id = nextId++;
      return new Promise<StreamedInvocation>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const message: InvokeMessage = { id, event };
        child.send(message);
      });
    },
    logs: () => output,
    stop,
  };
}
