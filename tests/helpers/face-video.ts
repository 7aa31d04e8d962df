import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import sharp, { type Sharp } from "sharp";
import { resolveFfmpeg } from "../../worker/media/binaries";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** Real photographs that ship inside @vladmandic/human (a dependency), so `npm install` provides them. */
export const HUMAN_ASSETS = path.join(path.dirname(require.resolve("@vladmandic/human")), "..", "assets");

/** A webcam portrait, 138 × 140: one man, head and shoulders (left panel of the FaceID screenshot). */
export function portraitPhoto(): Sharp {
  return sharp(path.join(HUMAN_ASSETS, "screenshot-faceid.jpg")).extract({ left: 16, top: 141, width: 138, height: 140 });
}

export interface FaceVideoOptions {
  width: number;
  height: number;
  /** The portrait is scaled to this width and pasted with its top-left corner here, on mid-gray. */
  photo: { left: number; top: number; width: number };
  /**
   * A dark-to-light ramp instead of plain gray: a small photo on plain gray leaves the frame's
   * tonal range flat, and the picker rightly never looks for faces in a flat frame.
   */
  ramp?: boolean;
  seconds?: number;
  name?: string;
}

/** A still H.264 MP4 of the portrait photo placed in a larger frame: a real face where the test puts it. */
export async function makeFaceVideo(dir: string, opts: FaceVideoOptions): Promise<string> {
  const { width, height, photo } = opts;
  const tag = `${width}x${height}-${photo.left}-${photo.top}-${photo.width}${opts.ramp ? "-ramp" : ""}`;
  const still = path.join(dir, `face-still-${tag}.png`);
  const pasted = await portraitPhoto().resize({ width: photo.width, kernel: "lanczos3" }).png().toBuffer();
  const ramp = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="#202020"/><stop offset="1" stop-color="#e0e0e0"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
  const canvas = opts.ramp ? sharp(Buffer.from(ramp)) : sharp({ create: { width, height, channels: 3, background: { r: 128, g: 128, b: 128 } } });
  await canvas
    .composite([{ input: pasted, left: photo.left, top: photo.top }])
    .png()
    .toFile(still);
  const file = path.join(dir, opts.name ?? `face-${tag}.mp4`);
  await run(resolveFfmpeg(), [
    "-nostdin", "-hide_banner", "-v", "error", "-y",
    "-loop", "1", "-framerate", "10", "-i", still,
    "-t", String(opts.seconds ?? 3),
    "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18", "-pix_fmt", "yuv420p", "-g", "10",
    file,
  ]);
  return file;
}
