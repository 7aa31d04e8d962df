import type { UploadTicket } from "../api/api-types";

/**
 * Sends a file straight to S3 with the presigned URLs the API handed out: one PUT, or the parts
 * of a multipart upload, several at a time. XMLHttpRequest rather than fetch, because only XHR
 * reports upload progress.
 */

export interface UploadedPart {
  partNumber: number;
  etag: string;
}

export type UploadFailure = "network" | "rejected" | "aborted";

export class UploadError extends Error {
  constructor(
    message: string,
    readonly kind: UploadFailure,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

const PARALLEL_PARTS = 4;
const NETWORK_RETRIES = 2;

/** S3 answers with an XML body naming the problem; turn the common ones into advice. */
export function describeStorageRejection(status: number, body: string): string {
  const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
  if (code === "AccessDenied" && /expired/i.test(body)) {
    return "The upload link expired before the file finished. Please upload it again.";
  }
  if (code === "SignatureDoesNotMatch" || code === "AccessDenied" || status === 403) {
    return `Storage refused the upload (${code ?? `HTTP ${status}`}). Please upload the file again.`;
  }
  if (code === "EntityTooLarge") return "Storage refused the file because it is larger than allowed.";
  if (status >= 500) return `Storage is having trouble right now (HTTP ${status}). Please try again in a moment.`;
  return `Storage rejected the upload (${code ? `${code}, ` : ""}HTTP ${status}). Please upload the file again.`;
}

function putOnce(
  url: string,
  body: Blob,
  headers: Record<string, string>,
  onProgress: (loaded: number) => void,
  signal: AbortSignal,
): Promise<string | null> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new UploadError("The upload was cancelled.", "aborted"));
      return;
    }
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    signal.addEventListener("abort", abort, { once: true });
    xhr.open("PUT", url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size);
        resolve(xhr.getResponseHeader("ETag"));
      } else {
        reject(new UploadError(describeStorageRejection(xhr.status, xhr.responseText), "rejected"));
      }
    };
    xhr.onerror = () =>
      reject(new UploadError("The connection to storage was lost. Check your internet connection and try again.", "network"));
    xhr.onabort = () => reject(new UploadError("The upload was cancelled.", "aborted"));
    xhr.onloadend = () => signal.removeEventListener("abort", abort);
    xhr.send(body);
  });
}

/** A dropped connection mid-part is common on phones; retry it before giving up. */
async function put(
  url: string,
  body: Blob,
  headers: Record<string, string>,
  onProgress: (loaded: number) => void,
  signal: AbortSignal,
): Promise<string | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await putOnce(url, body, headers, onProgress, signal);
    } catch (err) {
      if (!(err instanceof UploadError) || err.kind !== "network" || attempt >= NETWORK_RETRIES) throw err;
      onProgress(0);
      await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
    }
  }
}

/**
 * Uploads `file` as the ticket says. Reports the bytes sent so far across all parts; resolves
 * with the parts' ETags for a multipart upload (the API needs them to complete it).
 */
export async function uploadToStorage(
  file: Blob,
  ticket: UploadTicket,
  onProgress: (loaded: number, total: number) => void,
  signal: AbortSignal,
): Promise<UploadedPart[] | undefined> {
  if (ticket.method === "put") {
    await put(ticket.url, file, ticket.headers, (loaded) => onProgress(loaded, file.size), signal);
    return undefined;
  }

  const { partSize } = ticket;
  const sentByPart = new Map<number, number>();
  const report = () => onProgress([...sentByPart.values()].reduce((a, b) => a + b, 0), file.size);
  const pending = [...ticket.parts];
  const done: UploadedPart[] = [];
  // One failed part stops its siblings too: the upload cannot complete anyway.
  const stopAll = new AbortController();
  const onOuterAbort = () => stopAll.abort();
  signal.addEventListener("abort", onOuterAbort, { once: true });

  async function uploadParts() {
    for (let part = pending.shift(); part; part = pending.shift()) {
      const { partNumber, url } = part;
      const slice = file.slice((partNumber - 1) * partSize, partNumber * partSize);
      const etag = await put(
        url,
        slice,
        {},
        (loaded) => {
          sentByPart.set(partNumber, loaded);
          report();
        },
        stopAll.signal,
      );
      if (!etag) {
        throw new UploadError(
          "Storage accepted a part but did not say which (no ETag header). The storage CORS settings must expose ETag.",
          "rejected",
        );
      }
      done.push({ partNumber, etag });
    }
  }

  try {
    await Promise.all(Array.from({ length: Math.min(PARALLEL_PARTS, ticket.parts.length) }, uploadParts));
  } catch (err) {
    stopAll.abort();
    throw signal.aborted ? new UploadError("The upload was cancelled.", "aborted") : err;
  } finally {
    signal.removeEventListener("abort", onOuterAbort);
  }
  return done.sort((a, b) => a.partNumber - b.partNumber);
}
