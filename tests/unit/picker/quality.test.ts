import { describe, expect, it } from "vitest";
import { measureFrame } from "../../../worker/picker/frame-stats";
import { defectOf, eyesTerm, faceTerm, isUsable, scoreSample, openEyeRatio, technicalTerms, type VideoNorms } from "../../../worker/picker/quality";
import type { TemporalStats } from "../../../worker/picker/temporal";
import type { EyeOpenness, FaceBox } from "../../../worker/picker/types";
import { boxBlur, constantImage, noiseImage, photoLike } from "./images";

const W = 160;
const H = 90;
const NORMS: VideoNorms = { sharpestBlur: 0.15, fullMotion: 10, usualBlockiness: null, usualMean: 120, usualEyeRatio: null };
const STILL: TemporalStats = { motion: 0, transition: false };
const photo = photoLike(W, H, 31);
const stats = (gray: Uint8Array) => measureFrame(gray, W, H, 0, null);
const profile = (gray: Uint8Array, temporal = STILL, faces: FaceBox[] | null = null, withFaces = false, eyes: EyeOpenness | null = null) =>
  scoreSample("profile", { stats: stats(gray), temporal, faces, eyes, width: W, height: H }, NORMS, withFaces);
const action = (gray: Uint8Array, temporal: TemporalStats) => scoreSample("action", { stats: stats(gray), temporal, faces: null, eyes: null, width: W, height: H }, NORMS, false);

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

describe("exposure against the scene's intent", () => {
  it("lets a dim video rank its moments, but never excuses blown highlights", () => {
    const dim = stats(photo.map((v) => Math.round(v * 0.3)));
    const inDimVideo = technicalTerms(dim, { ...NORMS, usualMean: dim.mean }).exposure;
    const inBrightVideo = technicalTerms(dim, { ...NORMS, usualMean: 130 }).exposure;
    expect(inDimVideo).toBeGreaterThanOrEqual(0.7);
    expect(inBrightVideo).toBeLessThan(inDimVideo - 0.2);
    const blown = stats(photo.map((v) => Math.min(255, v * 2.2)));
    expect(technicalTerms(blown, { ...NORMS, usualMean: blown.mean }).exposure).toBeLessThan(0.3);
  });
});

describe("defectOf", () => {
  it("passes a clean frame and names what is wrong with a degraded one", () => {
    expect(defectOf(stats(photo), STILL)).toBeNull();
    expect(defectOf(stats(constantImage(W, H, 4)), STILL)).toBe("dark");
    expect(defectOf(stats(constantImage(W, H, 128)), STILL)).toBe("flat");
    expect(defectOf(stats(photo), { motion: 3, transition: true })).toBe("transition");
    // Defocus: a wide blur leaves no detail anywhere.
    expect(defectOf(stats(boxBlur(photo, W, H, 6)), STILL)).toBe("blurred");
    // Under-exposed and grainy: a dim, low-contrast picture under strong sensor noise.
    const dim = boxBlur(photo, W, H, 2).map((v) => 45 + (v - 128) * 0.25);
    const grain = noiseImage(W, H, 99, 128, 30);
    const grainy = dim.map((v, i) => v + grain[i]! - 128);
    expect(defectOf(stats(grainy), STILL)).toBe("noisy");
    // The same dim picture without the noise is fit: dim is a style, grain drowning it is not.
    expect(defectOf(stats(dim), STILL)).toBeNull();
  });
});

describe("eyes", () => {
  const face: FaceBox = { x: 60, y: 15, width: 40, height: 40, score: 0.95 };
  const open: EyeOpenness = { open: 1, ratio: 0.28 };
  const closing: EyeOpenness = { open: 1, ratio: 0.22 };
  const shut: EyeOpenness = { open: 0.1, ratio: 0.17 };

  it("scores shut eyes and a face's own blink dip as closed, its usual gap as open, an unread face in between", () => {
    expect(eyesTerm(open, 0.28)).toBe(1);
    expect(eyesTerm(shut, 0.28)).toBe(0);
    expect(eyesTerm(closing, 0.28)).toBe(0);
    expect(eyesTerm(shut, null)).toBe(0);
    expect(eyesTerm(closing, null)).toBe(1);
    const unread = eyesTerm(null, 0.28);
    expect(unread).toBeGreaterThan(0);
    expect(unread).toBeLessThan(1);
  });

  it("judges a reading against the widest usual readings of its own shot, and against the median when shots may show other people", () => {
    // A talking head under heavy compression: two open readings, a blink smeared to 0.221, and
    // two moments read narrow (looking down, squinting). Their median (0.225) would call the blink open.
    const oneShot = [0.262, 0.202, 0.221, 0.285, 0.225];
    const usual = openEyeRatio(oneShot, oneShot)!;
    expect(eyesTerm({ open: 0.73, ratio: 0.221 }, usual)).toBeLessThan(0.1);
    expect(eyesTerm({ open: 1, ratio: 0.262 }, usual)).toBe(1);
    // Five people in five shots, one reading each: a narrow-eyed person's open eyes are not a blink.
    const fivePeople = [0.25, 0.29, 0.3, 0.33, 0.36];
    expect(eyesTerm({ open: 1, ratio: 0.29 }, openEyeRatio([0.29], fivePeople))).toBe(1);
    expect(openEyeRatio([0.3], [0.3, 0.29])).toBeNull();
  });

  it("lets the same face with open eyes beat its blink in profile mode", () => {
    const norms = { ...NORMS, usualEyeRatio: 0.28 };
    const score = (eyes: EyeOpenness) => scoreSample("profile", { stats: stats(photo), temporal: STILL, faces: [face], eyes, width: W, height: H }, norms, true).score;
    expect(score(shut)).toBeLessThan(score(open) * 0.6);
    expect(score(closing)).toBeLessThan(score(open) * 0.6);
  });

  it("halves a read blink in action mode too, and leaves moments whose eyes were not read as they are", () => {
    const norms = { ...NORMS, usualEyeRatio: 0.28 };
    const moving = { motion: 2, transition: false };
    const score = (faces: FaceBox[] | null, eyes: EyeOpenness | null) => scoreSample("action", { stats: stats(photo), temporal: moving, faces, eyes, width: W, height: H }, norms, false);
    const unchecked = score(null, null);
    expect(unchecked.metrics.eyes).toBeUndefined();
    expect(score([face], open).score).toBeCloseTo(unchecked.score, 6);
    expect(score([face], open).metrics.eyes).toBe(1);
    expect(score([face], shut).score).toBeCloseTo(unchecked.score / 2, 6);
    // A face found but its eyes unreadable: action mode has no reason to doubt the moment.
    expect(score([face], null).score).toBeCloseTo(unchecked.score, 6);
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
