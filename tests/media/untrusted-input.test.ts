import { execFile } from "node:child_process";
import { closeSync, constants, openSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sniffContainer, type VideoContainer } from "../../core/video-containers";
import { resolveFfmpeg, resolveFfprobe } from "../../worker/media/binaries";
import { sniffFile } from "../../worker/media/container-sniff";
import { MediaError } from "../../worker/media/errors";
import { probeVideo } from "../../worker/media/probe";
import { runTool, ToolTimedOut } from "../../worker/media/run-tool";

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fp-untrusted-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** One second of test pattern in a given container, made by the real ffmpeg. */
async function encode(name: string, args: string[]): Promise<string> {
  const file = join(dir, name);
  await run(resolveFfmpeg(), ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=176x144:r=10:d=1", "-pix_fmt", "yuv420p", ...args, file]);
  return file;
}

describe("every container we accept is recognised by its bytes and still read through ffmpeg's whitelists", () => {
  const cases: Array<{ name: string; args: string[]; container: VideoContainer }> = [
    { name: "clip.mp4", args: ["-c:v", "libx264"], container: "mp4" },
    { name: "clip.mov", args: ["-c:v", "libx264", "-f", "mov"], container: "mp4" },
    { name: "clip.3gp", args: ["-c:v", "libx264", "-f", "3gp"], container: "mp4" },
    { name: "clip.mkv", args: ["-c:v", "libx264", "-f", "matroska"], container: "matroska" },
    { name: "clip.webm", args: ["-c:v", "libvpx", "-f", "webm"], container: "matroska" },
    { name: "clip.avi", args: ["-c:v", "mpeg4", "-f", "avi"], container: "avi" },
    { name: "clip.ogv", args: ["-c:v", "libtheora", "-f", "ogg"], container: "ogg" },
    { name: "clip.flv", args: ["-c:v", "flv", "-f", "flv"], container: "flv" },
    { name: "clip.ts", args: ["-c:v", "libx264", "-f", "mpegts"], container: "mpegts" },
    { name: "clip.m2ts", args: ["-c:v", "libx264", "-f", "mpegts", "-mpegts_m2ts_mode", "1"], container: "mpegts" },
    { name: "clip.mpg", args: ["-c:v", "mpeg2video", "-f", "mpeg"], container: "mpegps" },
    { name: "clip.wmv", args: ["-c:v", "wmv2", "-f", "asf"], container: "asf" },
  ];
  for (const { name, args, container } of cases) {
    it(name, async () => {
      const file = await encode(name, args);
      expect(await sniffFile(file)).toBe(container);
      const probe = await probeVideo(file);
      expect([probe.width, probe.height]).toEqual([176, 144]);
    });
  }

  it("text, images and short junk are no container", async () => {
    expect(sniffContainer(Buffer.from("These are my holiday notes, not a video.\n".repeat(5)))).toBeNull();
    expect(sniffContainer(Buffer.from("#EXTM3U\n#EXT-X-TARGETDURATION:10\n"))).toBeNull();
    expect(sniffContainer(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]))).toBeNull();
    expect(sniffContainer(Buffer.from("ftyp"))).toBeNull();
  });
});

describe("an upload cannot make ffmpeg open other files", () => {
  it("an HLS playlist named .mp4 is refused, and the file it lists is never opened", async () => {
    // The file the playlist points at is a named pipe: opening it for reading would show as a
    // reader we can connect to (and would hang ffprobe until we did).
    const target = join(dir, "elsewhere.ts");
    await run("mkfifo", [target]);
    const playlist = join(dir, "holiday.mp4");
    await writeFile(playlist, `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n${target}\n#EXT-X-ENDLIST\n`);

    // To ffprobe left to itself, such a file is a playlist, and it reads what the playlist lists.
    const segment = await encode("segment.ts", ["-c:v", "libx264", "-f", "mpegts"]);
    const plain = join(dir, "plain.mp4");
    await writeFile(plain, `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:1.0,\n${segment}\n#EXT-X-ENDLIST\n`);
    const unguarded = await run(resolveFfprobe(), ["-v", "error", "-show_entries", "format=format_name:stream=width", "-of", "csv=p=0", plain]);
    expect(unguarded.stdout).toMatch(/176/);
    expect(unguarded.stdout).toMatch(/hls/);
    await expect(probeVideo(plain)).rejects.toMatchObject({ code: "NOT_A_VIDEO" });

    let readerSeen = false;
    const watch = setInterval(() => {
      try {
        // Succeeds only while some process has the pipe open for reading.
        closeSync(openSync(target, constants.O_WRONLY | constants.O_NONBLOCK));
        readerSeen = true;
      } catch {
        // ENXIO: nobody is reading it.
      }
    }, 5);
    try {
      const error = await probeVideo(playlist).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MediaError);
      expect((error as MediaError).code).toBe("NOT_A_VIDEO");
    } finally {
      clearInterval(watch);
    }
    expect(readerSeen).toBe(false);
  });
});

describe("ffmpeg's children run with nothing of ours", () => {
  it("they get a minimal environment: no database URL, no keys", async () => {
    process.env.FP_TEST_SECRET = "postgres://user:secret@db/frames";
    try {
      const { stdout } = await runTool("/bin/sh", ["-c", "env"]);
      const names = stdout
        .toString("utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => line.split("=")[0]);
      expect(stdout.toString("utf8")).not.toContain("secret");
      // sh adds PWD and SHLVL of its own.
      expect(names.filter((name) => !["PWD", "SHLVL", "_"].includes(name!)).sort()).toEqual(["LC_ALL", "NODE_ENV", "PATH"]);
    } finally {
      delete process.env.FP_TEST_SECRET;
    }
  });

  it("a child still running after its timeout is killed", async () => {
    const pidFile = join(dir, "sleeper.pid");
    const error = await runTool("/bin/sh", ["-c", `echo $$ > ${pidFile}; exec sleep 30`], { timeoutSec: 0.5 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ToolTimedOut);
    const pid = Number(await readFile(pidFile, "utf8"));
    await expect.poll(() => isRunning(pid), { timeout: 5000 }).toBe(false);
  });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
