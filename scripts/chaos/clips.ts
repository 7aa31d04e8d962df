import { readFile } from "node:fs/promises";
import { makeVideo } from "../../tests/helpers/make-video";

/**
 * The videos the visitors upload: a few tiny H.264 clips from ffmpeg's lavfi sources, made once
 * per run (the tests' own generator), small enough that 100 jobs fit a short run on 2 cores.
 * A keyframe every 10 frames keeps the fast preset on its keyframe scan.
 */
export interface Clip {
  name: string;
  /** As the browser holds a File's bytes (a plain ArrayBuffer view, which fetch sends as is). */
  bytes: Uint8Array<ArrayBuffer>;
}

export async function makeClips(dir: string): Promise<Clip[]> {
  const base = { codec: "h264", container: "mp4", width: 320, height: 240, fps: 30, gop: 10 } as const;
  const files = await Promise.all([
    makeVideo(dir, { ...base, seconds: 3, source: "testsrc2", name: "testsrc2-3s.mp4" }),
    makeVideo(dir, { ...base, seconds: 3, source: "mandelbrot", name: "mandelbrot-3s.mp4" }),
    makeVideo(dir, { ...base, seconds: 2, source: "testsrc2", faststart: true, name: "testsrc2-2s-faststart.mp4" }),
  ]);
  return Promise.all(files.map(async (file) => ({ name: file.split("/").at(-1) ?? file, bytes: new Uint8Array(await readFile(file)) })));
}
