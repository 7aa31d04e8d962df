import { open } from "node:fs/promises";
import { SNIFF_BYTES, sniffContainer, type VideoContainer } from "~/core/video-containers";

/** The container a file's first bytes belong to (core/video-containers.ts), or null when none we read. */
export async function sniffFile(file: string): Promise<VideoContainer | null> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return sniffContainer(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
