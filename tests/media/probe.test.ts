import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveFfmpeg } from "../../worker/media/binaries";
import { MediaError, type MediaErrorCode } from "../../worker/media/errors";
import { probeVideo } from "../../worker/media/probe";
import { makeEmpty, makeNotAVideo, makeTruncated, makeVideo, type MakeVideoOptions } from "../helpers/make-video";

const run = promisify(execFile);
let dir: string;
const small = { seconds: 2, width: 320, height: 180, fps: 25 } as const;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fp-probe-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function expectMediaError(promise: Promise<unknown>, code: MediaErrorCode, message: RegExp): Promise<MediaError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MediaError);
  const media = error as MediaError;
  expect(media.code).toBe(code);
  expect(media.userMessage).toMatch(message);
  return media;
}

describe("probeVideo reads the formats people upload", () => {
  const formats: Array<Pick<MakeVideoOptions, "codec" | "container">> = [
    { codec: "h264", container: "mp4" },
    { codec: "hevc", container: "mp4" },
    { codec: "hevc", container: "mov" },
    { codec: "vp9", container: "webm" },
    { codec: "vp8", container: "webm" },
    { codec: "h264", container: "mkv" },
    { codec: "mpeg4", container: "avi" },
    { codec: "theora", container: "ogv" },
  ];

  it.each(formats)("$codec in $container", async (format) => {
    const file = await makeVideo(dir, { ...small, ...format, withAudio: true });
    const probe = await probeVideo(file);
    expect(probe).toMatchObject({ width: 320, height: 180, rotation: 0, hasVideo: true });
    expect(probe.codec).toBe(format.codec === "mpeg4" ? "mpeg4" : format.codec);
    expect(probe.durationSec).toBeGreaterThan(1.9);
    expect(probe.durationSec).toBeLessThan(2.2);
    expect(probe.fps).toBeCloseTo(25, 0);
  });

  it("reports a phone clip's displayed (upright) size and its rotation", async () => {
    const file = await makeVideo(dir, { ...small, codec: "h264", container: "mov", rotate: 90 });
    expect(await probeVideo(file)).toMatchObject({ width: 180, height: 320, rotation: 90 });
    const upsideDown = await makeVideo(dir, { ...small, codec: "h264", container: "mp4", rotate: 180 });
    expect(await probeVideo(upsideDown)).toMatchObject({ width: 320, height: 180, rotation: 180 });
  });

  it("handles variable frame rate", async () => {
    const file = await makeVideo(dir, { ...small, seconds: 3, codec: "h264", container: "mp4", vfr: true });
    const probe = await probeVideo(file);
    expect(probe.durationSec).toBeGreaterThan(2.5);
    expect(probe.durationSec).toBeLessThanOrEqual(3.05);
    expect(probe.fps).toBeGreaterThan(5);
    expect(probe.fps).toBeLessThan(25);
  });

  it("finds the length of a WebM whose header has none (browser recordings)", async () => {
    const { stdout } = await run(
      resolveFfmpeg(),
      ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=160x90:r=25:d=3", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-f", "webm", "pipe:1"],
      { encoding: "buffer", maxBuffer: 64 * 1024 * 1024 },
    );
    const file = join(dir, "recorded.webm");
    await writeFile(file, stdout);
    const probe = await probeVideo(file);
    expect(probe.durationSec).toBeGreaterThan(2.9);
    expect(probe.durationSec).toBeLessThan(3.1);
  });
});

describe("probeVideo rejects bad input with a specific message", () => {
  it("a text file named .mp4", async () => {
    await expectMediaError(probeVideo(await makeNotAVideo(dir)), "NOT_A_VIDEO", /^This file is not a video we can read/);
  });

  it("a JPEG named .mp4", async () => {
    const jpeg = join(dir, "photo.mp4");
    await run(resolveFfmpeg(), ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=320x240", "-frames:v", "1", "-f", "mjpeg", jpeg]);
    await expectMediaError(probeVideo(jpeg), "NOT_A_VIDEO", /not a video/);
  });

  it("a zero-byte file", async () => {
    await expectMediaError(probeVideo(await makeEmpty(dir)), "EMPTY_FILE", /empty \(0 bytes\)/);
  });

  it("an audio-only file", async () => {
    const audio = await makeVideo(dir, { ...small, codec: "h264", container: "mp4", audioOnly: true });
    await expectMediaError(probeVideo(audio), "AUDIO_ONLY", /^This file has sound but no video track/);
  });

  it("an MP4 cut short before its index (upload interrupted)", async () => {
    const good = await makeVideo(dir, { ...small, codec: "h264", container: "mp4", name: "to-cut.mp4" });
    await expectMediaError(probeVideo(await makeTruncated(good)), "CORRUPT", /truncated or damaged/);
  });

  it("an MP4 whose index is intact but whose picture data is missing", async () => {
    const good = await makeVideo(dir, { ...small, codec: "h264", container: "mp4", faststart: true, name: "web.mp4" });
    const bytes = await readFile(good);
    const mdat = bytes.indexOf("mdat");
    expect(mdat).toBeGreaterThan(0);
    const cut = await makeTruncated(good, (mdat + 64) / bytes.length);
    const error = await expectMediaError(probeVideo(cut), "CORRUPT", /truncated or damaged/);
    expect(error.detail).not.toBe("");
  });

  it("absurd resolutions", async () => {
    const tiny = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 1, width: 8, height: 8, fps: 5 });
    await expectMediaError(probeVideo(tiny), "BAD_RESOLUTION", /8×8 pixels/);
    const wide = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 0.4, width: 8448, height: 16, fps: 5, source: "smptebars" });
    await expectMediaError(probeVideo(wide), "BAD_RESOLUTION", /8448×16 pixels/);
  });
});
