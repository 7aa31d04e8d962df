/**
 * A stand-in for the AWS Lambda Node.js runtime, just enough to run a response-streaming handler
 * on this machine. Lambda gives such handlers the `awslambda` global (streamifyResponse and
 * HttpResponseStream.from are its public API); this file provides the same, imports the handler
 * the way Lambda does (a fresh Node process, env set before import), and runs one invocation per
 * IPC message, answering with the raw bytes the handler streamed (what a Function URL decodes).
 *
 * Runs as plain Node (compiled by local-lambda.ts): only node: imports here.
 * Usage: node lambda-runtime.mjs <handler module file>
 */
import { randomUUID } from "node:crypto";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";

/** The runtime's response stream: a writable with a content type the Function URL reads. */
class ResponseStream extends PassThrough {
  contentType = "application/octet-stream";
  setContentType(type: string): void {
    this.contentType = type;
  }
}

interface LambdaContext {
  awsRequestId: string;
  functionName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

type StreamingHandler = (event: unknown, stream: ResponseStream, context: LambdaContext) => Promise<unknown>;

interface HttpResponsePrelude {
  statusCode?: number;
  headers?: Record<string, string>;
  cookies?: string[];
}

const HTTP_INTEGRATION_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";

/** What Lambda provides as the `awslambda` global to response-streaming functions. */
const lambdaStreamingApi = {
  streamifyResponse: (handler: StreamingHandler): StreamingHandler => handler,
  HttpResponseStream: {
    from(stream: ResponseStream, prelude: HttpResponsePrelude): ResponseStream {
      stream.setContentType(HTTP_INTEGRATION_CONTENT_TYPE);
      stream.write(JSON.stringify(prelude));
      stream.write(new Uint8Array(8));
      return stream;
    },
  },
};
// A plain, writable global as in Lambda: the AWS SDK attaches its InvokeStore to it.
Object.assign(globalThis, { awslambda: lambdaStreamingApi });

export type RuntimeMessage =
  | { type: "ready" }
  | { type: "init-error"; message: string }
  | { type: "result"; id: number; contentType: string; body: string }
  | { type: "error"; id: number; message: string };

export interface InvokeMessage {
  id: number;
  event: unknown;
}

function send(message: RuntimeMessage): void {
  process.send?.(message);
}

async function invoke(handler: StreamingHandler, { id, event }: InvokeMessage): Promise<void> {
  const stream = new ResponseStream();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.once("end", resolve);
    stream.once("error", reject);
  });
  const context: LambdaContext = {
    awsRequestId: randomUUID(),
    functionName: "local-server-function",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 30_000,
  };
  try {
    // The handler ends the stream when the response is complete (OpenNext pipes the body into it).
    await Promise.all([handler(event, stream, context), ended]);
    send({ type: "result", id, contentType: stream.contentType, body: Buffer.concat(chunks).toString("base64") });
  } catch (error) {
    send({ type: "error", id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

async function main(): Promise<void> {
  const handlerFile = process.argv[2];
  if (!handlerFile) throw new Error("usage: lambda-runtime.mjs <handler module file>");
  let handler: StreamingHandler;
  try {
    const mod = (await import(pathToFileURL(handlerFile).href)) as { handler?: StreamingHandler };
    if (typeof mod.handler !== "function") throw new Error(`${handlerFile} exports no handler function`);
    handler = mod.handler;
  } catch (error) {
    send({ type: "init-error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  }
  process.on("message", (message: InvokeMessage) => void invoke(handler, message));
  send({ type: "ready" });
}

void main();
