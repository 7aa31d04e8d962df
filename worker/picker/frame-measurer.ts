import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import type { FrameStats } from "./frame-stats";

export interface MeasureRequest {
  id: number;
  gray: Uint8Array;
  width: number;
  height: number;
  timestampSec: number;
  blockPeriod: number | null;
}

export type MeasureReply = { id: number; stats: FrameStats; gray: Uint8Array } | { id: number; error: string };

export interface Measured {
  stats: FrameStats;
  /** The frame's pixels, handed back (face candidates keep a few). */
  gray: Uint8Array;
}

/**
 * Measures frames (measureFrame) on a worker thread. On the main thread each frame's ~1.6 ms of
 * measuring stopped the reads from ffmpeg's pipe; ffmpeg, blocked on its write, stopped decoding,
 * and a dense scan of a 60 s 1080p clip took 0.5–0.8 s longer than ffmpeg alone.
 */
export class FrameMeasurer {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (m: Measured) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (reply: MeasureReply) => this.settle(reply));
    worker.on("error", (error) => this.failAll(error));
    worker.on("exit", (code) => this.failAll(new Error(`the frame-measuring thread exited (code ${code})`)));
    // Idle, the thread must not keep the process alive; while it owes answers, it must.
    worker.unref();
  }

  static start(): FrameMeasurer {
    return new FrameMeasurer(new Worker(...threadEntry()));
  }

  /** False once the thread has died; sharedFrameMeasurer() then starts a new one. */
  get usable(): boolean {
    return this.failure === null;
  }

  /** Takes ownership of `gray` (it moves to the thread and comes back in the result). */
  measure(gray: Uint8Array, width: number, height: number, timestampSec: number, blockPeriod: number | null): Promise<Measured> {
    if (this.failure) return Promise.reject(this.failure);
    // Only a whole buffer can be moved rather than copied.
    const own = gray.byteOffset === 0 && gray.byteLength === gray.buffer.byteLength ? gray : gray.slice();
    const id = this.nextId++;
    const result = new Promise<Measured>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    if (this.waiting.size === 1) this.worker.ref();
    const request: MeasureRequest = { id, gray: own, width, height, timestampSec, blockPeriod };
    this.worker.postMessage(request, [own.buffer as ArrayBuffer]);
    return result;
  }

  private settle(reply: MeasureReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if ("error" in reply) waiter.reject(new Error(`measuring a frame failed: ${reply.error}`));
    else waiter.resolve({ stats: reply.stats, gray: reply.gray });
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
    this.worker.unref();
  }
}

let shared: FrameMeasurer | null = null;

/**
 * The process's measurer, started on first use and kept, like the face detector: a warm worker
 * (a reused Lambda, the local runner) pays the thread's start-up (~40 ms bundled, ~0.2 s CPU
 * through tsx) once, not per job. Concurrent picks can share it: answers go by request id.
 */
export function sharedFrameMeasurer(): FrameMeasurer {
  if (!shared?.usable) shared = FrameMeasurer.start();
  return shared;
}

/**
 * The thread's script: the bundled worker ships it as measure-thread.mjs beside the handler. From
 * source (tsx, tests) it is the .ts file next to this one, which a worker thread can only load
 * once tsx is registered inside it (Node 20 ignores `--import tsx` in a worker's execArgv).
 */
function threadEntry(): [string | URL, WorkerOptions] {
  const bundled = new URL("./measure-thread.mjs", import.meta.url);
  // No inherited Node flags: the thread needs none, and some (--input-type, --eval) are refused in one.
  if (existsSync(fileURLToPath(bundled))) return [bundled, { execArgv: [] }];
  const source = new URL("./measure-thread.ts", import.meta.url).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return [boot, { eval: true, execArgv: [] }];
}
