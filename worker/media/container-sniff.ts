import { open } from "node:fs/promises";

/**
 * True when the first bytes say "video container" (ISO-BMFF/QuickTime, Matroska/WebM, AVI, Ogg,
 * FLV, MPEG-TS/PS). Used only after ffprobe has failed, to tell a damaged video (truncated upload)
 * from a file that never was one: ffprobe's error is the same for both when the name ends in .mp4.
 */
export async function looksLikeVideoContainer(file: string): Promise<boolean> {
  const head = await readHead(file, 192);
  if (head.length < 12) return false;
  const isoBoxType = head.toString("latin1", 4, 8);
  if (["ftyp", "moov", "mdat", "free", "wide", "skip", "pnot", "uuid"].includes(isoBoxType)) return true;
  if (head.readUInt32BE(0) === 0x1a45dfa3) return true; // EBML: Matroska / WebM
  if (head.toString("latin1", 0, 4) === "RIFF" && head.toString("latin1", 8, 12) === "AVI ") return true;
  if (["OggS", "FLV\x01"].includes(head.toString("latin1", 0, 4))) return true;
  if (head[0] === 0x47 && head[188] === 0x47) return true; // MPEG-TS: a sync byte every 188 bytes
  return head.readUInt32BE(0) === 0x000001ba; // MPEG-PS pack header
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
