import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveFfmpeg } from "../../worker/media/binaries";
import { MediaError } from "../../worker/media/errors";
import { probeVideo } from "../../worker/media/probe";
import { renderFrame } from "../../worker/media/render";
import { sampleFrames } from "../../worker/media/sample";
import { meanBrightness } from "../../worker/picker/metrics";
import { analysisSize } from "../../worker/picker/presets";
import { frameIndexLuma, makeTruncated, makeVideo } from "../helpers/make-video";

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fp-sample-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(file: string, rate: number, width = 64, height = 36) {
  const samples: Array<{ t: number; width: number; height: number; mean: number }> = [];
  const result = await sampleFrames(file, { rate, width, height }, (gray, w, h, t) => {
    samples.push({ t, width: w, height: h, mean: meanBrightness(gray) });
  });
  expect(result.samples).toBe(samples.length);
  return samples;
}

describe("sampleFrames", () => {
  it("samples by time: a 25 fps and a 60 fps clip give the same moments", async () => {
    const [slow, fast] = await Promise.all([
      makeVideo(dir, { codec: "h264", container: "mp4", seconds: 4, width: 160, height: 90, fps: 25 }),
      makeVideo(dir, { codec: "h264", container: "mp4", seconds: 4, width: 160, height: 90, fps: 60 }),
    ]);
    const [a, b] = await Promise.all([collect(slow, 4), collect(fast, 4)]);
    expect(a).toHaveLength(16);
    expect(b).toHaveLength(16);
    a.forEach((s, i) => {
      expect(s.t).toBeCloseTo(i / 4, 1);
      expect(Math.abs(s.t - b[i]!.t)).toBeLessThan(0.05);
    });
  });

  describe("reports each sample's real time: the renderer shows exactly that frame", () => {
    const fps = 25;
    const makeFrameIndexed = () => makeVideo(dir, { codec: "h264", container: "mp4", seconds: 3, width: 160, height: 96, fps, source: "frame-index", gop: 50 });
    const variants: Record<string, () => Promise<string>> = {
      "MP4 with B-frames": makeFrameIndexed,
      // MPEG-TS seeks land on the keyframe after the target: the renderer must notice and back up.
      "MPEG-TS": async () => {
        const ts = join(dir, "frame-index.ts");
        await run(resolveFfmpeg(), ["-v", "error", "-y", "-i", await makeFrameIndexed(), "-c", "copy", ts]);
        return ts;
      },
      // What a browser's MediaRecorder produces: no duration, no cues (seek index).
      "WebM without cues": async () => {
        const { stdout } = await run(
          resolveFfmpeg(),
          ["-v", "error", "-i", await makeFrameIndexed(), "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "50", "-f", "webm", "pipe:1"],
          { encoding: "buffer", maxBuffer: 64 * 1024 * 1024 },
        );
        const webm = join(dir, "recorded.webm");
        await writeFile(webm, stdout);
        return webm;
      },
    };

    it.each(Object.keys(variants))("%s", async (variant) => {
      const file = await variants[variant]!();
      const samples = await collect(file, 3);
      // Full-range gray of the limited-range luma painted on frame n.
      const expected = (t: number) => ((frameIndexLuma(Math.round(t * fps)) - 16) * 255) / 219;
      for (const s of samples) expect(Math.abs(s.mean - expected(s.t))).toBeLessThan(4);
      for (const s of samples.filter((_, i) => i % 2 === 1)) {
        const { image } = await renderFrame(file, s.t, { maxLongSide: null, watermark: false, format: "png" });
        const gray = await sharp(image).grayscale().raw().toBuffer();
        expect(Math.abs(meanBrightness(new Uint8Array(gray)) - s.mean)).toBeLessThan(4);
      }
    });
  });

  it("renders a keyframe, and the frames either side of it, exactly (the seek starts on the keyframe itself)", async () => {
    const fps = 25;
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 4, width: 160, height: 96, fps, source: "frame-index", gop: 30, bframes: 3 });
    const keyframes: number[] = [];
    await sampleFrames(file, { rate: 1, width: 64, height: 36, keyframesOnly: true }, (_gray, _w, _h, t) => void keyframes.push(t));
    const later = keyframes.filter((t) => t > 0.5);
    expect(later.length).toBeGreaterThanOrEqual(2);
    for (const keyframe of later) {
      for (const t of [keyframe - 1 / fps, keyframe, keyframe + 1 / fps]) {
        const { image } = await renderFrame(file, t, { maxLongSide: null, watermark: false, format: "png" });
        const gray = await sharp(image).grayscale().raw().toBuffer();
        const expected = ((frameIndexLuma(Math.round(t * fps)) - 16) * 255) / 219;
        expect(Math.abs(meanBrightness(new Uint8Array(gray)) - expected), `frame at ${t.toFixed(3)} s`).toBeLessThan(4);
      }
    }
  });

  it("stops a keyframe scan at once when the decoder decodes every frame anyway (VP9), so the picker scans densely instead", async () => {
    const fps = 25;
    const file = await makeVideo(dir, { codec: "vp9", container: "webm", seconds: 6, width: 160, height: 96, fps, gop: 50 });
    let shown = 0;
    const scan = sampleFrames(file, { rate: 1, width: 64, height: 36, keyframesOnly: true }, () => void shown++);
    const error = await scan.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).code).toBe("DECODE_FAILED");
    // Stopped after a few frames, not after all 150.
    expect(shown).toBeLessThan(30);
    // H.264 skips to its keyframes: the same scan gives exactly those.
    const h264 = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 6, width: 160, height: 96, fps, gop: 50 });
    const keyframes: number[] = [];
    await sampleFrames(h264, { rate: 1, width: 64, height: 36, keyframesOnly: true }, (_g, _w, _h, t) => void keyframes.push(t));
    expect(keyframes.length).toBeGreaterThanOrEqual(3);
    expect(keyframes.length).toBeLessThan(10);
  });

  it("handles variable frame rate: times increase and stay within the video", async () => {
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 3, width: 160, height: 90, fps: 25, vfr: true });
    const { durationSec } = await probeVideo(file);
    const samples = await collect(file, 4);
    expect(samples.length).toBeGreaterThanOrEqual(10);
    expect(samples.length).toBeLessThanOrEqual(12);
    samples.forEach((s, i) => {
      expect(s.t).toBeGreaterThanOrEqual(0);
      expect(s.t).toBeLessThanOrEqual(durationSec);
      if (i > 0) expect(s.t).toBeGreaterThan(samples[i - 1]!.t);
    });
  });

  it("turns a rotated phone clip upright (portrait frames)", async () => {
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 1, width: 320, height: 180, fps: 25, rotate: 90 });
    const probe = await probeVideo(file);
    const size = analysisSize(probe.width, probe.height, 160);
    expect(size.height).toBeGreaterThan(size.width);
    const samples = await collect(file, 2, size.width, size.height);
    expect(samples.length).toBeGreaterThan(0);
    for (const s of samples) expect([s.width, s.height]).toEqual([size.width, size.height]);
  });

  it("waits for a slow consumer instead of dropping or piling up frames", async () => {
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 3, width: 160, height: 90, fps: 30 });
    const times: number[] = [];
    let busy = false;
    await sampleFrames(file, { rate: 4, width: 64, height: 36 }, async (_gray, _w, _h, t) => {
      expect(busy).toBe(false); // never called again before the previous call finished
      busy = true;
      await new Promise((resolve) => setTimeout(resolve, 15));
      times.push(t);
      busy = false;
    });
    expect(times).toHaveLength(12);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("stops ffmpeg when aborted", async () => {
    const file = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 20, width: 320, height: 180, fps: 30, name: "long-abort.mp4" });
    const controller = new AbortController();
    let seen = 0;
    const sampling = sampleFrames(file, { rate: 4, width: 64, height: 36, signal: controller.signal }, () => {
      if (++seen === 3) controller.abort();
    });
    await expect(sampling).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const ps = await run("ps", ["-eo", "args"]);
    expect(ps.stdout).not.toContain("long-abort.mp4");
  });

  it("fails with a MediaError carrying ffmpeg's words when nothing decodes", async () => {
    const good = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 2, width: 320, height: 180, fps: 25, faststart: true, name: "cut-data.mp4" });
    const bytes = await readFile(good);
    const cut = await makeTruncated(good, (bytes.indexOf("mdat") + 64) / bytes.length);
    const error = await sampleFrames(cut, { rate: 4, width: 64, height: 36 }, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).userMessage).toMatch(/truncated or damaged/);
    expect((error as MediaError).detail).toMatch(/partial file|Invalid|error/i);
  });
});
