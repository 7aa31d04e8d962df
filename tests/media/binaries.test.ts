import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetBinaryCache, resolveFfmpeg, resolveFfprobe } from "../../worker/media/binaries";

const saved = { PATH: process.env.PATH, FFMPEG_PATH: process.env.FFMPEG_PATH, FFPROBE_PATH: process.env.FFPROBE_PATH };
let systemFfmpeg: string;
let systemFfprobe: string;
let dir: string;

beforeEach(async () => {
  resetBinaryCache();
  delete process.env.FFMPEG_PATH;
  delete process.env.FFPROBE_PATH;
  systemFfmpeg = resolveFfmpeg();
  systemFfprobe = resolveFfprobe();
  resetBinaryCache();
  dir = await mkdtemp(join(tmpdir(), "fp-bin-"));
});

afterEach(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetBinaryCache();
  await rm(dir, { recursive: true, force: true });
});

describe("resolveFfmpeg / resolveFfprobe", () => {
  it("prefer FFMPEG_PATH / FFPROBE_PATH", async () => {
    await symlink(systemFfmpeg, join(dir, "my-ffmpeg"));
    await symlink(systemFfprobe, join(dir, "my-ffprobe"));
    process.env.FFMPEG_PATH = join(dir, "my-ffmpeg");
    process.env.FFPROBE_PATH = join(dir, "my-ffprobe");
    expect(resolveFfmpeg()).toBe(join(dir, "my-ffmpeg"));
    expect(resolveFfprobe()).toBe(join(dir, "my-ffprobe"));
  });

  it("reject an env var that points nowhere, naming the variable", () => {
    process.env.FFMPEG_PATH = join(dir, "missing-ffmpeg");
    expect(() => resolveFfmpeg()).toThrow(/FFMPEG_PATH is set to .*missing-ffmpeg/);
  });

  it("find ffprobe beside a custom ffmpeg", async () => {
    await symlink(systemFfmpeg, join(dir, "ffmpeg"));
    await symlink(systemFfprobe, join(dir, "ffprobe"));
    process.env.FFMPEG_PATH = join(dir, "ffmpeg");
    process.env.PATH = "";
    expect(resolveFfprobe()).toBe(join(dir, "ffprobe"));
  });

  it("say what to install when nothing is found", () => {
    process.env.PATH = dir;
    expect(() => resolveFfmpeg()).toThrow(/ffmpeg was not found\. Install ffmpeg .* or set FFMPEG_PATH/);
    expect(() => resolveFfprobe()).toThrow(/ffprobe was not found.*FFPROBE_PATH/);
  });
});
