import { execFile } from "node:child_process";
import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeNotAVideo, makeVideo } from "../helpers/make-video";

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, "../../bin/frame-picker.mjs");

let dir: string;
let clip: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fp-cli-"));
  clip = await makeVideo(dir, { codec: "h264", container: "mp4", seconds: 6, width: 640, height: 360, fps: 25, name: "Beach day.mp4" });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI from another directory (the bin must not depend on the caller's cwd). */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: dir, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

describe("frame-picker CLI", () => {
  it("--json prints only a JSON array of the written frames", async () => {
    const out = join(dir, "json-out");
    const { code, stdout } = await cli([clip, "--mode", "action", "--quality", "fast", "--count", "2", "--interval", "1.5", "--out", out, "--json"]);
    expect(code).toBe(0);
    const frames = JSON.parse(stdout) as Array<{ rank: number; timestampSec: number; score: number; metrics: Record<string, number>; path: string; width: number; height: number }>;
    expect(frames.map((f) => f.rank)).toEqual([1, 2]);
    expect(Math.abs(frames[0]!.timestampSec - frames[1]!.timestampSec)).toBeGreaterThanOrEqual(1.5);
    for (const frame of frames) {
      expect(frame.path.startsWith(out)).toBe(true);
      expect(frame.path).toMatch(/Beach-day_00m0\ds\d{3}\.jpg$/);
      expect(frame.metrics).toHaveProperty("motion");
      await access(frame.path);
      // Full resolution, no cap on the user's own machine.
      expect(await sharp(frame.path).metadata()).toMatchObject({ format: "jpeg", width: 640, height: 360 });
      expect([frame.width, frame.height]).toEqual([640, 360]);
    }
  });

  it("prints a readable summary by default, with face detection in profile mode", async () => {
    const { code, stdout } = await cli([clip, "--count", "1", "--out", join(dir, "summary-out")]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Beach day\.mp4: 6 s, 640×360, h264/);
    expect(stdout).toMatch(/#1 {2}00:0\d\.\d{3} {2}score 0\.\d{3} {2}(no clear face|a face|a clear face)[^\n]*(sharp|soft)/);
    expect(stdout).toMatch(/face 0\.\d\d/);
  });

  it("exits 2 with a clear message on bad arguments, printing nothing on stdout", async () => {
    const tooMany = await cli([clip, "--count", "11", "--json"]);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stdout).toBe("");
    expect(tooMany.stderr).toMatch(/--count: At most 10 frames per video/);

    const badMode = await cli([clip, "--mode", "selfie"]);
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toMatch(/--mode: Choose a mode: profile or action/);

    const missing = await cli([join(dir, "nope.mp4")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
  });

  it("exits 1 with the user-facing reason when the file is not a video", async () => {
    const { code, stdout, stderr } = await cli([await makeNotAVideo(dir), "--json"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/This file is not a video we can read/);
  });
});
