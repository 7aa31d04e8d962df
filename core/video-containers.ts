/**
 * The video containers we read, told apart by their first bytes rather than by a name the uploader
 * chose. The same table decides three things, so they cannot drift apart:
 * - `upload.complete` refuses a file whose bytes are no container (before a job or the allowance);
 * - the worker names its temp copy after the container it found, never after the client's name;
 * - ffmpeg and ffprobe may only use these demuxers. Playlists (HLS, DASH), concat lists and image
 *   sequences are left out on purpose: they open other files or URLs named inside the upload.
 */
export const CONTAINERS = {
  // ISO base media and QuickTime: MP4, MOV, M4V, 3GP (ffmpeg's "mov" demuxer reads them all).
  mp4: { extension: ".mp4", demuxers: ["mov"] },
  // Matroska and WebM.
  matroska: { extension: ".mkv", demuxers: ["matroska"] },
  avi: { extension: ".avi", demuxers: ["avi"] },
  ogg: { extension: ".ogv", demuxers: ["ogg"] },
  flv: { extension: ".flv", demuxers: ["flv"] },
  // MPEG transport streams, with or without the 4-byte timecode of camera .mts/.m2ts files.
  mpegts: { extension: ".ts", demuxers: ["mpegts"] },
  // MPEG program streams (.mpg, .vob). A bare MPEG video stream is not one: it has no timestamps,
  // so not even its length can be read.
  mpegps: { extension: ".mpg", demuxers: ["mpeg"] },
  // ASF: WMV.
  asf: { extension: ".wmv", demuxers: ["asf"] },
} as const satisfies Record<string, { extension: string; demuxers: readonly string[] }>;

export type VideoContainer = keyof typeof CONTAINERS;

/** Every demuxer ffmpeg may use on an upload, as its `-format_whitelist` wants them. */
export const ALLOWED_DEMUXERS: string = Object.values(CONTAINERS)
  .flatMap((container) => container.demuxers)
  .join(",");

/** Bytes sniffContainer needs from the start of a file (an M2TS packet and the next sync byte). */
export const SNIFF_BYTES = 200;

const ISO_BOX_TYPES = new Set(["ftyp", "moov", "mdat", "free", "wide", "skip", "pnot", "uuid"]);
const ASF_HEADER_GUID = [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11];
const TS_PACKET = 188;

/** The container the first SNIFF_BYTES bytes of a file belong to, or null when they are none we read. */
export function sniffContainer(head: Uint8Array): VideoContainer | null {
  if (head.length < 12) return null;
  const text = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  const word = (at: number) => ((head[at]! << 24) | (head[at + 1]! << 16) | (head[at + 2]! << 8) | head[at + 3]!) >>> 0;
  if (ISO_BOX_TYPES.has(text(4, 8))) return "mp4";
  if (word(0) === 0x1a45dfa3) return "matroska"; // EBML header
  if (text(0, 4) === "RIFF" && text(8, 12) === "AVI ") return "avi";
  if (text(0, 4) === "OggS") return "ogg";
  if (text(0, 4) === "FLV\x01") return "flv";
  // A sync byte at the start of two packets in a row; M2TS puts 4 bytes before each packet.
  if ((head[0] === 0x47 && head[TS_PACKET] === 0x47) || (head[4] === 0x47 && head[4 + TS_PACKET + 4] === 0x47)) return "mpegts";
  if (word(0) === 0x000001ba) return "mpegps"; // pack header
  if (ASF_HEADER_GUID.every((byte, i) => head[i] === byte)) return "asf";
  return null;
}
