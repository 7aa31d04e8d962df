/**
 * The thread behind FrameMeasurer: measures frames while the main thread keeps reading ffmpeg's
 * pipe. Requests are answered in the order they arrive, each with its pixels handed back.
 */
import { parentPort } from "node:worker_threads";
import type { MeasureReply, MeasureRequest } from "./frame-measurer";
import { measureFrame } from "./frame-stats";

if (!parentPort) throw new Error("measure-thread runs as a worker thread (see frame-measurer.ts)");
const port = parentPort;

port.on("message", (request: MeasureRequest) => {
  let reply: MeasureReply;
  try {
    const stats = measureFrame(request.gray, request.width, request.height, request.timestampSec, request.blockPeriod);
    reply = { id: request.id, stats, gray: request.gray };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply, "gray" in reply ? [reply.gray.buffer as ArrayBuffer] : []);
});
