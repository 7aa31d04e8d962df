import { describe, expect, it } from "vitest";
import { DecodeHealth, decodeTrouble, MAX_DAMAGE_SEC } from "~/worker/media/decode-health";
import { psnr } from "~/worker/media/fidelity";
import { ShowinfoReader } from "~/worker/media/showinfo";

// Lines as ffmpeg 5.1 prints them with -loglevel level+info.
const CONCEALED = "[h264 @ 0x5627f4070cc0] [info] concealing 381 DC, 381 AC, 381 MV errors in I frame";
const MB_ERROR = "[h264 @ 0x5627f4070cc0] [error] error while decoding MB 28 14, bytestream 7298";
const NO_KEYFRAME = "[mpeg4 @ 0x5599182ef700] [error] warning: first frame is no keyframe";
const CORRUPT_FRAME = "[warning] dmg.mp4: corrupt decoded frame in stream 0";
const showinfo = (n: number, pts: number, type: string, key = type === "I" ? 1 : 0) =>
  `[Parsed_showinfo_2 @ 0x55a6371a1380] [info] n:${String(n).padStart(4)} pts:${String(pts).padStart(7)} pts_time:${pts / 1000} pos: 48 fmt:gray sar:1/1 s:320x180 i:P iskey:${key} type:${type} checksum:294F132B`;

describe("decodeTrouble", () => {
  it("counts decoder errors, concealment and ffmpeg's corrupt-frame verdict, and nothing else", () => {
    expect(decodeTrouble(MB_ERROR)).toBe("decoder");
    expect(decodeTrouble(CONCEALED)).toBe("decoder");
    expect(decodeTrouble(NO_KEYFRAME)).toBe("decoder");
    expect(decodeTrouble("[error] Error while decoding stream #0:0: Invalid data found when processing input")).toBe("decoder");
    expect(decodeTrouble(CORRUPT_FRAME)).toBe("frame");
    expect(decodeTrouble("[swscaler @ 0x55d] [warning] deprecated pixel format used, make sure you did set range correctly")).toBe("none");
    expect(decodeTrouble("[info] Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'clip.mp4':")).toBe("none");
    expect(decodeTrouble(showinfo(3, 1000, "P"))).toBe("none");
  });
});

describe("ShowinfoReader", () => {
  it("reads time (from the time base when known), keyframe flag and picture type", () => {
    const reader = new ShowinfoReader();
    expect(reader.read("[Parsed_showinfo_2 @ 0x55a6371a1380] [info] config in time_base: 1/1000, frame_rate: 20/1")).toBeNull();
    expect(reader.read(showinfo(0, 1250, "P", 1))).toEqual({ timeSec: 1.25, keyframe: true, pictType: "P" });
    // Without a time base line (or with plain -v info), pts_time is used.
    expect(new ShowinfoReader().read("[Parsed_showinfo_0 @ 0x1] n:   1 pts:   512 pts_time:0.04 pos: 1 fmt:yuv420p sar:1/1 s:64x36 i:P iskey:0 type:B checksum:1")).toEqual({ timeSec: 0.04, keyframe: false, pictType: "B" });
    expect(reader.read(MB_ERROR)).toBeNull();
  });
});

describe("DecodeHealth", () => {
  const frame = (timeSec: number, pictType: string) => ({ timeSec, keyframe: pictType === "I", pictType });

  it("trusts frames decoded without complaint", () => {
    const health = new DecodeHealth();
    expect([frame(0, "I"), frame(0.2, "P"), frame(0.4, "B")].map((f) => health.frame(f))).toEqual([true, true, true]);
  });

  it("condemns the frames after a decoder error until a clean I-frame, which damage cannot outlive", () => {
    const health = new DecodeHealth();
    expect(health.frame(frame(0, "I"))).toBe(true);
    health.line(MB_ERROR);
    expect(health.frame(frame(0.2, "P"))).toBe(false);
    // Predicted from the damaged picture: still damaged, though nothing more was said.
    expect(health.frame(frame(0.4, "P"))).toBe(false);
    expect(health.frame(frame(1, "I"))).toBe(true);
    expect(health.frame(frame(1.2, "P"))).toBe(true);
  });

  it("does not take a damaged I-frame for a fresh start", () => {
    const health = new DecodeHealth();
    health.line(MB_ERROR);
    expect(health.frame(frame(0.2, "P"))).toBe(false);
    health.line(CORRUPT_FRAME);
    expect(health.frame(frame(1, "I"))).toBe(false);
    expect(health.frame(frame(2, "I"))).toBe(true);
  });

  it(`gives up the damage after ${MAX_DAMAGE_SEC} s without seeing an I-frame`, () => {
    const health = new DecodeHealth();
    health.line(CONCEALED);
    expect(health.frame(frame(5, "P"))).toBe(false);
    expect(health.frame(frame(5 + MAX_DAMAGE_SEC - 0.5, "P"))).toBe(false);
    expect(health.frame(frame(5 + MAX_DAMAGE_SEC + 0.5, "P"))).toBe(true);
  });

  it("in a keyframe scan, refuses a 'keyframe' that is a predicted frame: decoded alone it is garbage", () => {
    const health = new DecodeHealth(true);
    expect(health.frame(frame(0, "I"))).toBe(true);
    expect(health.frame({ timeSec: 0.35, keyframe: true, pictType: "P" })).toBe(false);
    expect(health.frame({ timeSec: 0.7, keyframe: true, pictType: "?" })).toBe(true);
    expect(health.frame(frame(4, "I"))).toBe(true);
  });
});

describe("psnr", () => {
  it("is infinite for identical pictures, ~48 dB for an off-by-one and low for unrelated ones", () => {
    const a = Uint8Array.from({ length: 64 }, (_, i) => i * 4);
    expect(psnr(a, a)).toBe(Infinity);
    expect(psnr(a, a.map((v) => v + 1))).toBeCloseTo(48.13, 1);
    expect(psnr(a, a.map((v) => 255 - v))).toBeLessThan(10);
    expect(() => psnr(a, a.subarray(1))).toThrow(/sizes differ/);
  });
});
