import { describe, expect, it } from "vitest";
import { measureFrame } from "../../../worker/picker/frame-stats";
import { faceTerm, isUsable, scoreSample, type VideoNorms } from "../../../worker/picker/quality";
import type { TemporalStats } from "../../../worker/picker/temporal";
import type { FaceBox } from "../../../worker/picker/types";
import { boxBlur, constantImage, noiseImage } from "./images";

const W = 160;
const H = 90;
const NORMS: VideoNorms = { sharpestBlur: 0.15, fullMotion: 10, usualBlockiness: null };
const STILL: TemporalStats = { motion: 0, transition: false };
const photo = noiseImage(W, H, 31, 120, 80);
const stats = (gray: Uint8Array) => measureFrame(gray, W, H, 0, null);
const profile = (gray: Uint8Array, temporal = STILL, faces: FaceBox[] | null = null, withFaces = false) =>
  scoreSample("profile", { stats: stats(gray), temporal, faces, width: W, height: H }, NORMS, withFaces);
const action = (gray: Uint8Array, temporal: TemporalStats) => scoreSample("action", { stats: stats(gray), temporal, faces: null, width: W, height: H }, NORMS, false);

describe("scoreSample", () => {
  it("ranks a crisp, well-exposed frame above blurred, dark, blown-out and flat ones", () => {
    const good = profile(photo).score;
    const degraded = {
      blurred: boxBlur(photo, W, H, 3),
      dark: photo.map((v) => Math.round(v * 0.2)),
      blown: photo.map((v) => Math.min(255, v * 2.2)),
      flat: photo.map((v) => Math.round(120 + (v - 120) * 0.15)),
    };
    for (const [name, gray] of Object.entries(degraded)) expect(profile(gray).score, name).toBeLessThan(good * 0.7);
  });

  it("never lets black or mid-transition frames beat a usable frame", () => {
    const black = constantImage(W, H, 2);
    expect(isUsable(stats(black), STILL)).toBe(false);
    expect(isUsable(stats(photo), { motion: 3, transition: true })).toBe(false);
    const mediocre = boxBlur(photo, W, H, 2);
    expect(profile(photo, { motion: 3, transition: true }).score).toBeLessThan(profile(mediocre).score);
    expect(profile(black).score).toBeLessThan(profile(mediocre).score);
  });

  it("rewards real motion in action mode, and a clear single face in profile mode", () => {
    expect(action(photo, { motion: 10, transition: false }).score).toBeGreaterThan(action(photo, STILL).score * 1.5);
    const face: FaceBox = { x: 60, y: 15, width: 40, height: 40, score: 0.95 };
    expect(profile(photo, STILL, [face], true).score).toBeGreaterThan(profile(photo, STILL, [], true).score * 1.5);
  });

  it("keeps every score and metric in [0, 1], even for extreme frames", () => {
    for (const gray of [constantImage(W, H, 0), constantImage(W, H, 255), noiseImage(W, H, 1, 128, 127), photo]) {
      for (const result of [profile(gray, { motion: 500, transition: false }), action(gray, { motion: 500, transition: false })]) {
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(1);
        for (const value of Object.values(result.metrics)) expect(value >= 0 && value <= 1).toBe(true);
      }
    }
  });
});

describe("faceTerm", () => {
  const box = (share: number, score = 0.95): FaceBox => {
    const side = Math.sqrt(share * W * H);
    return { x: 10, y: 10, width: side, height: side, score };
  };
  it("prefers one well-sized confident face over none, several, tiny or unsure ones", () => {
    const one = faceTerm([box(0.1)], W, H);
    expect(one).toBe(1);
    expect(faceTerm([], W, H)).toBe(0);
    expect(faceTerm([box(0.1), box(0.09)], W, H)).toBeLessThan(one);
    expect(faceTerm([box(0.005)], W, H)).toBeLessThan(0.5);
    expect(faceTerm([box(0.1, 0.5)], W, H)).toBeLessThan(one);
  });
});
